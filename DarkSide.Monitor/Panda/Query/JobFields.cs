namespace DarkSide.Monitor.Panda.Query;

/// <summary>
/// The whitelist of filterable job attributes. Column names in SQL come only from here; URL parameters are matched
/// against it case-insensitively, as BigPanDA lower-cases parameter names.
/// </summary>
public static class JobFields
{
    // The attributes the core names itself (the job and task pages' lookups, the site hints).
    public const string PandaId = "pandaid";
    public const string JediTaskId = "jeditaskid";
    public const string JobStatus = "jobstatus";
    public const string ComputingSite = "computingsite";

    public static readonly IReadOnlyList<JobField> All =
    [
        new("pandaid", "pandaid", JobFieldKind.NumberList, LiftsTimeWindow: true),
        new("jeditaskid", "jeditaskid", JobFieldKind.NumberList, LiftsTimeWindow: true),
        new("taskid", "taskid", JobFieldKind.NumberList, LiftsTimeWindow: true),
        new("jobsetid", "jobsetid", JobFieldKind.NumberList, LiftsTimeWindow: true),
        new("jobname", "jobname", JobFieldKind.Text, BlindOnly: true, LiftsTimeWindow: true, CaseSensitive: true),
        new("proddblock", "proddblock", JobFieldKind.Text, BlindOnly: true, CaseSensitive: true),
        new("destinationdblock", "destinationdblock", JobFieldKind.Text, BlindOnly: true, CaseSensitive: true),
        new("reqid", "reqid", JobFieldKind.NumberList),
        new("attemptnr", "attemptnr", JobFieldKind.NumberList),
        new("jobstatus", "jobstatus", JobFieldKind.JobStatusList),
        new("computingsite", "computingsite", JobFieldKind.Text),
        new("produsername", "produsername", JobFieldKind.TextContains) { ResolvesToValues = true },
        new("transformation", "transformation", JobFieldKind.TextSubstring),
        new("workinggroup", "workinggroup", JobFieldKind.Text),
        new("prodsourcelabel", "prodsourcelabel", JobFieldKind.Text, CaseSensitive: true),
        new("processingtype", "processingtype", JobFieldKind.Text),
        new("cloud", "cloud", JobFieldKind.Text),
        new("jobsubstatus", "jobsubstatus", JobFieldKind.Text),
        new("gshare", "gshare", JobFieldKind.Text),
        new("resourcetype", "resource_type", JobFieldKind.Text),
        new("specialhandling", "specialhandling", JobFieldKind.TextSubstring),
        new("modificationhost", "modificationhost", JobFieldKind.TextSubstring),
        new("computingelement", "computingelement", JobFieldKind.Text),
        new("nucleus", "nucleus", JobFieldKind.Text),
        new("vo", "vo", JobFieldKind.Text),
        new("priorityrange", "currentpriority", JobFieldKind.NumberRange),
        new("corecount", "corecount", JobFieldKind.NumberList),
        new("actualcorecount", "actualcorecount", JobFieldKind.NumberList),
        new("transexitcode", "transexitcode", JobFieldKind.Text),
        .. ErrorFields.All.Select(e => new JobField(e.CodeColumn, e.CodeColumn, JobFieldKind.NumberList)),
    ];

    private static readonly Dictionary<string, JobField> ByParameter = All.ToDictionary(
        f => f.Parameter,
        StringComparer.OrdinalIgnoreCase
    );

    public static JobField? Find(string parameter) => ByParameter.GetValueOrDefault(parameter);
}

/// <summary>PanDA's error component columns (docs/panda-data.md, "Error components"), in BigPanDA's display
/// order.</summary>
public sealed record ErrorField(string Component, string CodeColumn, string DiagColumn) { }

public static class ErrorFields
{
    public static readonly IReadOnlyList<ErrorField> All =
    [
        new("pilot", "piloterrorcode", "piloterrordiag"),
        new("exe", "exeerrorcode", "exeerrordiag"),
        new("sup", "superrorcode", "superrordiag"),
        new("ddm", "ddmerrorcode", "ddmerrordiag"),
        new("brokerage", "brokerageerrorcode", "brokerageerrordiag"),
        new("jobdispatcher", "jobdispatchererrorcode", "jobdispatchererrordiag"),
        new("taskbuffer", "taskbuffererrorcode", "taskbuffererrordiag"),
    ];
}
