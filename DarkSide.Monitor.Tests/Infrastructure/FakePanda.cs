using System.Collections.Concurrent;
using DarkSide.Monitor.Auditing;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Errors;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Panda.Tasks;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// PanDA readers for component tests: they answer what the test gives them (or throw what it gives them) and
/// remember what each page asked, so a test checks rendering and the query without a database.
/// </summary>
public sealed class FakeJobListReader : IJobListReader
{
    public Func<JobQuery, JobListPage> Page { get; set; } =
        q => new JobListPage([], new JobCount(0, false, null), q.AsOfUtc);

    public JobSelectionSummary Summary { get; set; } = new([], []);

    public ConcurrentQueue<(JobQuery Query, ViewerAccess Viewer)> Asked { get; } = new();

    public Task<JobListPage> GetJobsAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken,
        bool allColumns = false
    )
    {
        Asked.Enqueue((query, viewer));
        return Task.FromResult(Page(query));
    }

    public Task<JobQuery> ResolveAsync(JobQuery query, CancellationToken cancellationToken) => Task.FromResult(query);

    private int _summaryReads;

    public int SummaryReads => _summaryReads;

    public Task<JobSelectionSummary> GetSummaryAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken
    )
    {
        Interlocked.Increment(ref _summaryReads);
        return Task.FromResult(Summary);
    }
}

public sealed class FakeErrorSummaryReader : IErrorSummaryReader
{
    public ErrorSummary Summary { get; set; } = new([], [], [], [], new ErrorHistogram(TimeSpan.FromHours(1), [], []));

    public ConcurrentQueue<JobQuery> Asked { get; } = new();

    public Task<ErrorSummary> GetAsync(JobQuery query, ViewerAccess viewer, CancellationToken cancellationToken)
    {
        Asked.Enqueue(query);
        return Task.FromResult(Summary);
    }
}

public sealed class FakeJobDetailReader : IJobDetailReader
{
    public Dictionary<long, JobDetail> Jobs { get; } = [];

    public Task<JobDetail?> GetAsync(
        long pandaId,
        ViewerAccess viewer,
        DateTime nowUtc,
        CancellationToken cancellationToken
    ) => Task.FromResult(Jobs.GetValueOrDefault(pandaId));
}

public sealed class FakeTaskReader : ITaskReader
{
    public TaskListPage List { get; set; } = new([], 0, [], PandaTestDatabase.SeededAtUtc);

    public Dictionary<long, TaskDetail> Tasks { get; } = [];

    public ConcurrentQueue<TaskQuery> Asked { get; } = new();

    public Task<TaskListPage> GetTasksAsync(TaskQuery query, ViewerAccess viewer, CancellationToken cancellationToken)
    {
        Asked.Enqueue(query);
        return Task.FromResult(List);
    }

    public Task<TaskDetail?> GetTaskAsync(
        long jediTaskId,
        bool dropRetried,
        ViewerAccess viewer,
        DateTime nowUtc,
        CancellationToken cancellationToken
    ) => Task.FromResult(Tasks.GetValueOrDefault(jediTaskId));
}

/// <summary>The audit trail in memory: what pages recorded, in order.</summary>
public sealed class RecordingAudit : IAuditRecorder
{
    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    public Task RecordAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        Events.Enqueue(entry);
        return Task.CompletedTask;
    }
}
