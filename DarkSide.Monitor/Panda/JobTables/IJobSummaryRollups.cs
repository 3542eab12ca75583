using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>
/// The summaries of jobsarchived4's whole hours, kept by the monitor's aggregator, so that a summary reads only the
/// window's edges and the active tables from PanDA. Implemented outside the PanDA core (it reads the monitor's store).
/// </summary>
public interface IJobSummaryRollups
{
    /// <summary>
    /// The counts of jobsarchived4's jobs in whole hours of the query's window, for this viewer; or null when the
    /// rollups cannot answer exactly (a filter they do not keep, hours not aggregated yet, other blind scopes).
    /// </summary>
    Task<RolledUpJobSummary?> ReadAsync(JobQuery query, ViewerAccess viewer, CancellationToken cancellationToken);
}

/// <summary>
/// What the rollups hold for jobsarchived4's jobs with modificationtime in [<paramref name="FromUtc"/>,
/// <paramref name="ToUtc"/>): counts per summary attribute value, and failures per error component:code.
/// </summary>
public sealed record RolledUpJobSummary(
    DateTime FromUtc,
    DateTime ToUtc,
    IReadOnlyList<RolledUpValue> Values,
    IReadOnlyList<RolledUpError> Errors
);

/// <summary>Jobs with one value of one summary attribute (<see cref="JobSummaryFields"/>'s column).</summary>
public sealed record RolledUpValue(string Column, string? Value, long Jobs);

/// <summary>
/// Failed jobs with one component:code: how many, the lowest PandaID, and the first diagnostic the viewer may see
/// (in byte order, as the direct summary picks it).
/// </summary>
public sealed record RolledUpError(string Component, int Code, long Jobs, long ExamplePandaId, string? Sample);
