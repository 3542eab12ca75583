using Microsoft.AspNetCore.Components;

namespace DarkSide.Monitor.Web.Controls;

/// <summary>A ticking UTC clock, so times on screen can be read against "now" without converting.</summary>
public sealed partial class UtcClock
{
    [Inject]
    public required TimeProvider Time { get; init; }

    private DateTime Now { get; set; }

    private long UnixSeconds => (long)(Now - DateTime.UnixEpoch).TotalSeconds;

    protected override void OnInitialized() => Now = Time.GetUtcNow().UtcDateTime;
}
