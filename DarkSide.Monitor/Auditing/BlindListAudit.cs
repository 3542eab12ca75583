using System.Collections.Concurrent;
using System.Globalization;
using DarkSide.Monitor.Panda.Blinding;

namespace DarkSide.Monitor.Auditing;

/// <summary>
/// Records a job list that showed blind jobs unredacted to a blind-access viewer: once per distinct view and session,
/// not on every live refresh. Remembered in memory for a day; after a restart, or on another instance, a view is
/// recorded once more.
/// </summary>
public sealed class BlindListAudit(IAuditRecorder audit, TimeProvider time)
{
    public static readonly TimeSpan RememberFor = TimeSpan.FromHours(24);
    private const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<(string Session, string View), DateTimeOffset> _recorded = new();

    /// <summary>True when this call recorded the view (the first time this session saw it with blind jobs).</summary>
    public async Task<bool> SeenAsync(ViewerAccess viewer, string view, int blindJobs, string? remoteAddress)
    {
        if (!viewer.CanSeeBlindData || blindJobs == 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var key = (viewer.Session ?? viewer.Subject ?? viewer.Name, view);
        var first = _recorded.TryGetValue(key, out var at)
            ? now - at >= RememberFor && _recorded.TryUpdate(key, now, at)
            : _recorded.TryAdd(key, now);
        if (!first)
        {
            return false;
        }

        if (_recorded.Count > MaxRemembered)
        {
            foreach (var old in _recorded.Where(e => now - e.Value >= RememberFor).Select(e => e.Key).ToList())
            {
                _recorded.TryRemove(old, out _);
            }
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"job list with {blindJobs} blind jobs unredacted");
        await audit.RecordAsync(
            new AuditEvent(viewer.Name, viewer.Subject, AuditActions.BlindList, view, detail, remoteAddress),
            CancellationToken.None
        );
        return true;
    }
}
