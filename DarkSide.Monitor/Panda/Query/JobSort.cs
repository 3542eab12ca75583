namespace DarkSide.Monitor.Panda.Query;

/// <summary>BigPanDA's sortby keys and the job list's other columns (docs/bigpanda-compatibility.md, "Sort keys"),
/// each mapped to a whitelisted SQL expression.</summary>
public enum JobSortKey
{
    Time,
    Create,
    StateTime,
    Priority,
    AttemptNr,
    Duration,
    QueueTime,
    PandaId,
    ProdUserName,
    JediTaskId,
    Transformation,
    JobStatus,
    ComputingSite,
    PssPerCore,
}

public sealed record JobSort(JobSortKey Key, bool Descending)
{
    public static readonly JobSort Default = new(JobSortKey.Time, Descending: true);

    /// <summary>BigPanDA's default inside a task: the latest attempts first.</summary>
    public static readonly JobSort TaskDefault = new(JobSortKey.AttemptNr, Descending: true);

    private static readonly Dictionary<string, JobSortKey> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["time"] = JobSortKey.Time,
        ["create"] = JobSortKey.Create,
        ["statetime"] = JobSortKey.StateTime,
        ["priority"] = JobSortKey.Priority,
        ["attemptnr"] = JobSortKey.AttemptNr,
        ["duration"] = JobSortKey.Duration,
        ["queuetime"] = JobSortKey.QueueTime,
        ["pandaid"] = JobSortKey.PandaId,
        ["produsername"] = JobSortKey.ProdUserName,
        ["jeditaskid"] = JobSortKey.JediTaskId,
        ["transformation"] = JobSortKey.Transformation,
        ["jobstatus"] = JobSortKey.JobStatus,
        ["computingsite"] = JobSortKey.ComputingSite,
        ["psspercore"] = JobSortKey.PssPerCore,
    };

    /// <summary>
    /// The keys beyond BigPanDA's: PanDA leaves them NULL where unset, and a job without a site or owner goes last in
    /// either direction.
    /// </summary>
    public bool NullsLast => Key >= JobSortKey.ProdUserName;

    public static IReadOnlyCollection<string> KeyNames => Keys.Keys;

    /// <summary>The sortby value for a key and direction, e.g. "duration-ascending".</summary>
    public static string Format(JobSortKey key, bool descending) =>
        Keys.First(k => k.Value == key).Key + (descending ? "-descending" : "-ascending");

    /// <summary>
    /// Parses "key" or "key-ascending|descending", case-insensitively (BigPanDA's sortby=PandaID works here).
    /// </summary>
    public static JobSort? TryParse(string value)
    {
        var dash = value.IndexOf('-');
        var name = dash < 0 ? value : value[..dash];
        var direction = dash < 0 ? "descending" : value[(dash + 1)..].ToLowerInvariant();
        if (!Keys.TryGetValue(name, out var key) || direction is not ("ascending" or "descending"))
        {
            return null;
        }

        return new JobSort(key, direction == "descending");
    }
}
