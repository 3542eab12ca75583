using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Panda.Blinding;

/// <summary>
/// Decides, in SQL, whether a job is blind, and which job fields only blind-access viewers may see.
/// A job is blind when its task has a dataset in a blind scope, or one of its own dataset fields is in one.
/// Dataset names are matched in both Rucio spellings: "scope:name" and a name that starts with "scope.".
/// </summary>
/// <param name="tables">The startup check's findings; with text sorted by code point, the blind datasets are read as
/// ranges of jedi_datasets' datasetname index instead of by testing every dataset.</param>
public sealed class BlindDataPolicy(
    IOptions<BlindingOptions> blinding,
    IOptions<PandaOptions> panda,
    PandaSchema tables
)
{
    /// <summary>
    /// Job columns whose values reveal blind content: names, datasets, parameters, diagnostics, events, bytes.
    /// </summary>
    public static readonly IReadOnlySet<string> BlindOnlyJobColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "jobname",
        "proddblock",
        "dispatchdblock",
        "destinationdblock",
        "jobparameters",
        "metadata",
        "jobmetrics",
        "piloterrordiag",
        "exeerrordiag",
        "superrordiag",
        "ddmerrordiag",
        "brokerageerrordiag",
        "jobdispatchererrordiag",
        "taskbuffererrordiag",
        "nevents",
        "inputfilebytes",
        "outputfilebytes",
        "totrchar",
        "totwchar",
        "totrbytes",
        "totwbytes",
        "raterchar",
        "ratewchar",
        "raterbytes",
        "ratewbytes",
    };

    public string[] DatasetNamePatterns { get; } =
        blinding
            .Value.BlindScopes.Distinct(StringComparer.Ordinal)
            .SelectMany(scope =>
                new[] { TextCondition.EscapeLike(scope) + ":%", TextCondition.EscapeLike(scope) + ".%" }
            )
            .ToArray();

    /// <summary>
    /// A common table expression naming the blind tasks once per statement; <see cref="JobIsBlindSql"/> refers to it.
    /// Materialised, so checking a row is a hashed lookup instead of a search of the task's datasets.
    /// <paramref name="patternsParameter"/> must be bound to <see cref="DatasetNamePatterns"/> as text[].
    /// </summary>
    public string BlindTasksCte(string patternsParameter) =>
        tables.TextSortsByCodePoint
            ? $"blind_tasks AS MATERIALIZED ({BlindTasksByRange(patternsParameter)})"
            : $"blind_tasks AS MATERIALIZED (SELECT DISTINCT jeditaskid FROM {panda.Value.Schema}.jedi_datasets "
                + $"WHERE datasetname LIKE ANY({patternsParameter}))";

    /// <summary>
    /// The same tasks, each pattern ("scope:%", "scope.%") read as its range of the (datasetname, type, jeditaskid)
    /// index: from the pattern's literal prefix to the prefix with its last character (':' or '.') incremented.
    /// Only where text sorts by code point does every name with the prefix lie in that range.
    /// </summary>
    private string BlindTasksByRange(string patterns) =>
        $"""
            SELECT DISTINCT d.jeditaskid
            FROM unnest({patterns}) p(pattern)
            CROSS JOIN LATERAL (SELECT regexp_replace(left(p.pattern, -1), '\\(.)', '\1', 'g') AS low) r
            JOIN {panda.Value.Schema}.jedi_datasets d
              ON d.datasetname >= r.low AND d.datasetname < left(r.low, -1) || chr(ascii(right(r.low, 1)) + 1)
            WHERE d.datasetname LIKE p.pattern
            """;

    /// <summary>
    /// A two-valued boolean SQL expression over a job row aliased <paramref name="alias"/>, for statements that
    /// include <see cref="BlindTasksCte"/>. PanDA leaves the dataset columns and jeditaskid NULL when unset (user
    /// jobs without inputs), which makes each comparison NULL; only a match makes a job blind, so NULL means false.
    /// </summary>
    public static string JobIsBlindSql(string alias, string patternsParameter) =>
        $"coalesce({alias}.proddblock LIKE ANY({patternsParameter}) OR {alias}.dispatchdblock LIKE "
        + $"ANY({patternsParameter})"
        + $" OR {alias}.destinationdblock LIKE ANY({patternsParameter})"
        + $" OR {alias}.jeditaskid IN (SELECT jeditaskid FROM blind_tasks), false)";
}
