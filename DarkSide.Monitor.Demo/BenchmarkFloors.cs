using System.Diagnostics;
using DarkSide.Monitor.Data;
using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// The floor of a job-list view: hand-written SQL that finds the same page of PandaIDs in the same order and the same
/// exact total, on PanDA's own indexes, with what a person writing it for this one view would know (the exact user
/// name, the exact site spelling) and nothing the monitor must do besides (no blind check, no redaction, no queue
/// status, the list's columns read only for the page). Page and count run in parallel, as the app runs them.
/// </summary>
/// <param name="archive">The archive schema's table, or null when PanDA has none.</param>
public sealed class BenchmarkFloors(PandaDatabase panda, string schema, bool hasWaiting, string? archive)
{
    /// <summary>One view's floor: its tables' conditions, the order, and how deep the page is.</summary>
    /// <param name="ActiveWhere">The active tables' condition (null: all their rows).</param>
    /// <param name="ArchivedWhere">jobsarchived4's condition.</param>
    /// <param name="Order">The order over alias j (descending), PandaID breaking ties.</param>
    /// <param name="ReadsArchive">A deep query: also the archive schema's copies not in jobsarchived4.</param>
    /// <param name="DropRetried">BigPanDA's drop mode (a task's default): no job that PanDA retried.</param>
    public sealed record View(
        string? ActiveWhere,
        string ArchivedWhere,
        string Order = "j.modificationtime",
        int Offset = 0,
        bool ReadsArchive = false,
        bool DropRetried = false
    );

    /// <summary>BigPanDA's duration, as the job list orders by it (JobSqlBuilder's DurationSeconds).</summary>
    public const string Duration = """
        CASE WHEN NULLIF(j.starttime, TIMESTAMP '1970-01-01') IS NULL THEN 0
             WHEN NULLIF(j.endtime, TIMESTAMP '1970-01-01') IS NOT NULL THEN extract(epoch FROM j.endtime - j.starttime)
             WHEN j.jobstatus IN ('finished', 'failed', 'cancelled', 'closed', 'merging')
                  THEN extract(epoch FROM coalesce(NULLIF(j.statechangetime, TIMESTAMP '1970-01-01'),
                       j.modificationtime) - j.starttime)
             ELSE extract(epoch FROM @now - j.starttime) END
        """;

    private const int Rows = 100;

    private IEnumerable<(string Table, string? Where)> Branches(View view) =>
        view.DropRetried
            ? TableBranches(view).Select(b => (b.Table, (string?)$"{b.Where ?? "true"} AND {NotRetried}"))
            : TableBranches(view);

    private string NotRetried =>
        $"NOT EXISTS (SELECT 1 FROM {schema}.jedi_job_retry_history h WHERE h.jeditaskid = j.jeditaskid "
        + "AND h.oldpandaid = j.pandaid AND h.relationtype = 'retry')";

    private IEnumerable<(string Table, string? Where)> TableBranches(View view)
    {
        yield return ($"{schema}.jobsdefined4", view.ActiveWhere);
        if (hasWaiting)
        {
            yield return ($"{schema}.jobswaiting4", view.ActiveWhere);
        }

        yield return ($"{schema}.jobsactive4", view.ActiveWhere);
        yield return ($"{schema}.jobsarchived4", view.ArchivedWhere);
        if (view.ReadsArchive && archive is not null)
        {
            yield return (
                archive,
                view.ArchivedWhere
                    + $" AND NOT EXISTS (SELECT 1 FROM {schema}.jobsarchived4 a4 WHERE a4.pandaid = j.pandaid)"
            );
        }
    }

    private static string Where(string? where) => where is null ? "" : " WHERE " + where;

    public string PageSql(View view)
    {
        var take = view.Offset + Rows;
        var branches = Branches(view)
            .Select(b =>
                $"(SELECT j.pandaid, {view.Order} AS k FROM {b.Table} j{Where(b.Where)} "
                + $"ORDER BY {view.Order} DESC, j.pandaid DESC LIMIT {take})"
            );
        return $"SELECT pandaid FROM ({string.Join(" UNION ALL ", branches)}) x "
            + $"ORDER BY k DESC, pandaid DESC LIMIT {Rows} OFFSET {view.Offset}";
    }

    public string CountSql(View view) =>
        "SELECT "
        + string.Join(" + ", Branches(view).Select(b => $"(SELECT count(*) FROM {b.Table} j{Where(b.Where)})"));

    /// <summary>One run: the page's PandaIDs, the total, and the wall time of both in parallel.</summary>
    public async Task<(long[] Page, long Total, double Ms)> RunAsync(
        View view,
        IReadOnlyDictionary<string, object> values
    )
    {
        var clock = Stopwatch.StartNew();
        var page = panda.ReadAllAsync(Command(PageSql(view), values), r => r.GetInt64(0), CancellationToken.None);
        var count = panda.ReadAllAsync(Command(CountSql(view), values), r => r.GetInt64(0), CancellationToken.None);
        await Task.WhenAll(page, count);
        return ((await page).ToArray(), (await count).Single(), clock.Elapsed.TotalMilliseconds);
    }

    private static NpgsqlCommand Command(string sql, IReadOnlyDictionary<string, object> values) =>
        SqlParameterBag.Command(sql, values.Select(v => (v.Key, (object?)v.Value)).ToArray());
}
