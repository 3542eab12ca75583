namespace DarkSide.Monitor.Web.Live;

/// <summary>
/// What a live view shows: the latest good value, when it was read, and, while the database does not answer,
/// a problem text that names no data (only what failed), so the page keeps the last good value on screen.
/// </summary>
public sealed record LiveState<T>(T? Value, DateTime? UpdatedUtc, string? Problem, long Version)
    where T : class;
