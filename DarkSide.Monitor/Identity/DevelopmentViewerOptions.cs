namespace DarkSide.Monitor.Identity;

/// <summary>
/// The viewer every request acts as until IAM login is wired in. Defaults to a viewer WITHOUT blind access, so a
/// misconfigured deployment hides blind data rather than showing it.
/// </summary>
public sealed class DevelopmentViewerOptions
{
    public const string SectionName = "DevelopmentViewer";

    public string Name { get; set; } = "developer";

    public bool BlindAccess { get; set; }

    /// <summary>
    /// Admins see job parameters and metadata on the job page (still redacted for blind jobs without blind access).
    /// </summary>
    public bool Admin { get; set; }

    /// <summary>Shifters (and admins) may silence alerts.</summary>
    public bool Shifter { get; set; }
}
