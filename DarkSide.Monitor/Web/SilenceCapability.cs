namespace DarkSide.Monitor.Web;

/// <summary>
/// Whether silence forms are offered: the Alerts feature sets it when an Alertmanager is configured, so a page of
/// another feature (a site's) can offer one without knowing the Alerts feature.
/// </summary>
public sealed class SilenceCapability(bool enabled)
{
    public bool Enabled { get; } = enabled;
}
