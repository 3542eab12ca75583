using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// Rows as the readers hand them to pages, shaped after PanDA's own (docs/panda-data.md): only what PanDA always sets
/// is given, everything else stays null, as in a job PanDA has defined but not yet brokered.
/// </summary>
public static class FakeRows
{
    public static DateTime Now => PandaTestDatabase.SeededAtUtc;

    /// <summary>A job PanDA has just defined: no owner, site, task, start or resources yet.</summary>
    public static JobListRow Defined(long pandaId) =>
        new()
        {
            PandaId = pandaId,
            PandaTable = "jobsdefined4",
            IsBlind = false,
            IsRedacted = false,
            JobStatus = "defined",
            CreationTime = Now.AddMinutes(-30),
            ModificationTime = Now.AddMinutes(-30),
        };

    /// <summary>A job that ran at a site and failed with the given errors.</summary>
    public static JobListRow Failed(long pandaId, string computingSite, params JobError[] errors) =>
        Defined(pandaId) with
        {
            PandaTable = "jobsarchived4",
            JobStatus = "failed",
            ComputingSite = computingSite,
            ProdUserName = "Marco Rossi",
            JediTaskId = 30_001_234,
            AttemptNr = 2,
            StartTime = Now.AddHours(-3),
            EndTime = Now.AddHours(-1),
            ModificationTime = Now.AddHours(-1),
            Errors = errors,
        };

    public static JobListPage Page(params JobListRow[] rows) =>
        new(rows, new JobCount(rows.Length, IsEstimate: false, LimitedTo: null), Now);
}
