namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>
/// How many jobs of the whole selection have each value of one attribute (BigPanDA's attribute summary).
/// </summary>
public sealed record JobAttributeCounts(string Parameter, string Label, IReadOnlyList<JobAttributeValue> Values)
{
    public long Total => Values.Sum(v => v.Count);
}

/// <summary>One value and its count; a null value is shown and filtered as BigPanDA's "Not specified".</summary>
public sealed record JobAttributeValue(string? Value, long Count)
{
    public string FilterValue => Value ?? Query.TextPattern.NotSpecified;
}

/// <summary>Failed and holding jobs of the selection with one error component:code.</summary>
public sealed record JobErrorCount(
    string Component,
    string CodeColumn,
    int Code,
    long Jobs,
    string? Description,
    string? SampleDiagnostic,
    long ExamplePandaId,
    int? Category = null
)
{
    public string Key => $"{Component}:{Code}";

    public string CategoryName => ErrorCategories.Name(Category);
}

/// <summary>BigPanDA's error categories (ERROR_CATEGORIES), as error_descriptions.category numbers them.</summary>
public static class ErrorCategories
{
    private static readonly string[] Names =
    [
        "Uncategorized",
        "File and Storage Issues",
        "Runtime Failures and Resource Violations",
        "Network and Communication Errors",
        "Job Termination and Kill Signals",
        "Software and Environment Issues",
        "Internal and Unknown Errors",
    ];

    public static string Name(int? category) => category is >= 0 and < 7 ? Names[category.Value] : Names[0];
}

/// <summary>The attribute summary fields: BigPanDA's most used ones, as URL parameter, column and label.</summary>
public static class JobSummaryFields
{
    public static readonly IReadOnlyList<(string Parameter, string Column, string Label)> All =
    [
        ("jobstatus", "jobstatus", "Status"),
        ("computingsite", "computingsite", "Site"),
        ("produsername", "produsername", "User"),
        ("jeditaskid", "jeditaskid", "Task"),
        ("transformation", "transformation", "Transformation"),
        ("workinggroup", "workinggroup", "Working group"),
        ("prodsourcelabel", "prodsourcelabel", "Source label"),
        ("processingtype", "processingtype", "Processing type"),
        ("attemptnr", "attemptnr", "Attempt"),
        ("corecount", "corecount", "Cores"),
        ("jobsubstatus", "jobsubstatus", "Substatus"),
    ];
}
