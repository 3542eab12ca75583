namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>Everything the job page shows about one PanDA job; blind-only values are null when redacted.</summary>
public sealed record JobDetail(
    JobListRow Job,
    IReadOnlyList<JobColumnValue> Fields,
    IReadOnlyList<JobStateSpan> States,
    IReadOnlyList<JobFile> Files,
    IReadOnlyList<JobAttempt> Attempts,
    IReadOnlyList<JobErrorDetail> Errors,
    string? JobParameters,
    string? Metadata
)
{
    /// <summary>What the page cannot show because an optional PanDA table does not exist.</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>
    /// CPU efficiency = cpuconsumptiontime / (wall seconds × cores), as the PanDA server computes it.
    /// </summary>
    public double? CpuEfficiency(DateTime nowUtc)
    {
        var wall = JobTiming.Duration(Job, nowUtc).TotalSeconds;
        var cores = Job.ActualCoreCount ?? Job.CoreCount ?? 1;
        return wall > 0 && Job.CpuConsumptionTime > 0 ? (double)Job.CpuConsumptionTime / (wall * cores) : null;
    }

    /// <summary>The pilot log: pilotid's first '|'-separated part, when it is a URL.</summary>
    public string? PilotLogUrl =>
        Fields.FirstOrDefault(f => f.Name == "pilotid")?.Value is { } pilotId
        && pilotId.Split('|')[0] is var url
        && url.StartsWith("http", StringComparison.Ordinal)
            ? url
            : null;
}

/// <summary>
/// One of the job's 127 PanDA columns, as text; <see cref="Redacted"/> when blind-only and not shown.
/// </summary>
public sealed record JobColumnValue(string Name, string? Value, bool Redacted);

/// <summary>
/// A state the job was in, from jobs_statuslog, and how long it stayed (until the next state, or now).
/// </summary>
public sealed record JobStateSpan(string Status, DateTime EnteredUtc, TimeSpan Duration, string? Host);

public sealed record JobFile(string? Type, string? Lfn, string? Dataset, string? Status, long Size, int? AttemptNr);

/// <summary>An attempt at the same work: same task and job name, or linked in jedi_job_retry_history.</summary>
public sealed record JobAttempt(
    long PandaId,
    int AttemptNr,
    string JobStatus,
    DateTime ModificationTime,
    string? Relation
);

/// <summary>
/// One non-zero error component with its description from error_descriptions or the built-in pilot codes.
/// </summary>
public sealed record JobErrorDetail(
    string Component,
    string CodeColumn,
    int Code,
    string? Diagnostic,
    string? Description
);
