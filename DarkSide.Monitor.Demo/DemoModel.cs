namespace DarkSide.Monitor.Demo;

/// <summary>
/// A JEDI task of the demo with its three datasets (input, output, log). A `prun --noBuild` test task has none: no
/// input, and outputs that were never registered, as PanDA keeps such user tasks.
/// </summary>
public sealed class DemoTask
{
    public required long JediTaskId { get; init; }
    public required string TaskName { get; init; }
    public required DemoJobKind Kind { get; init; }
    public required (string Name, string Id) User { get; init; }
    public required DateTime Created { get; init; }
    public required int PlannedJobs { get; init; }
    public required bool IsBlind { get; init; }
    public string? InputDataset { get; init; }

    /// <summary>False for a task JEDI keeps no datasets for: its jobs' dataset columns stay NULL.</summary>
    public bool HasDatasets { get; init; } = true;
    public required string OutputDataset { get; init; }
    public required string LogDataset { get; init; }
    public required long FirstDatasetId { get; init; }
    public required int Priority { get; init; }
    public long? ReqId { get; init; }
    public int CreatedJobs { get; set; }
    public int FinishedFiles { get; set; }
    public int FailedFiles { get; set; }
    public int SettledFiles { get; set; }
    public DateTime LastActivity { get; set; }

    public long InputDatasetId => FirstDatasetId;
    public long OutputDatasetId => FirstDatasetId + 1;
    public long LogDatasetId => FirstDatasetId + 2;

    public static string ScopeOf(string dataset) => dataset[..dataset.IndexOf(':')];

    public static string NameOf(string dataset) => dataset[(dataset.IndexOf(':') + 1)..];
}

/// <summary>One PanDA job attempt of the demo, with its whole planned lifecycle.</summary>
public sealed class DemoJob
{
    public required long PandaId { get; init; }
    public required DemoTask Task { get; init; }
    public required int Serial { get; init; }
    public required int AttemptNr { get; init; }
    public long? RetryOf { get; init; }
    public long OriginPandaId { get; init; }
    public required DemoSite Site { get; init; }
    public required DateTime Created { get; init; }
    public required DateTime Activated { get; init; }
    public DateTime? Start { get; init; }
    public DateTime? End { get; init; }
    public required DateTime Archived { get; init; }
    public required string FinalStatus { get; init; }
    public string? FinalSubStatus { get; init; }
    public DemoError? Error { get; init; }
    public (int Code, string Diagnostic)? Kill { get; init; }
    public required int Cores { get; init; }
    public required double CpuSeconds { get; init; }
    public required long MaxPssKb { get; init; }
    public required long AvgPssKb { get; init; }
    public required long NEvents { get; init; }
    public required long InputBytes { get; init; }
    public required long OutputBytes { get; init; }
    public required string WorkerNode { get; init; }
    public required long BatchId { get; init; }
    public bool WillBeRetried { get; set; }

    // Each name is used by several of the job's rows; computed once.
    public string JobName => field ??= $"{DemoTask.NameOf(Task.TaskName)}.{Serial:D6}";
    public string? InputFile =>
        Task.InputDataset is null ? null : field ??= $"{DemoTask.NameOf(Task.InputDataset)}._{Serial:D6}.root";
    public string OutputFile => field ??= $"{DemoTask.NameOf(Task.OutputDataset)}._{Serial:D6}.{AttemptNr}.root";
    public string LogFile => field ??= $"{DemoTask.NameOf(Task.LogDataset)}._{Serial:D6}.{AttemptNr}.log.tgz";
    public double WallSeconds => Start is { } s && End is { } e ? (e - s).TotalSeconds : 0;
}
