using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>A job list and its summaries for one viewer: what the live job list reads each refresh.</summary>
public interface IJobListReader
{
    /// <param name="allColumns">Keep all PanDA columns of each job, for BigPanDA's JSON.</param>
    Task<JobListPage> GetJobsAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken,
        bool allColumns = false
    );

    Task<JobSelectionSummary> GetSummaryAsync(JobQuery query, ViewerAccess viewer, CancellationToken cancellationToken);

    /// <summary>The query with patterns on few-valued columns resolved to the values they match.</summary>
    Task<JobQuery> ResolveAsync(JobQuery query, CancellationToken cancellationToken);
}

/// <summary>One job's page for one viewer, or null when PanDA has no such job.</summary>
public interface IJobDetailReader
{
    Task<JobDetail?> GetAsync(long pandaId, ViewerAccess viewer, DateTime nowUtc, CancellationToken cancellationToken);
}
