using System.Text.Json;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>Reads job lists from PanDA's job tables for a given viewer. It never writes to PanDA.</summary>
public sealed partial class JobRepository(
    PandaDatabase panda,
    JobSqlBuilder sql,
    IOptions<JobListOptions> options,
    ILogger<JobRepository> logger,
    IJobSummaryRollups summaryRollups
) : IJobListReader
{
    private readonly IJobSummaryRollups _rollups = summaryRollups;

    private const string QueryCanceled = "57014";

    private readonly JobValueResolver _values = new(panda, sql);

    /// <summary>
    /// The query with its patterns on few-valued columns resolved to values (<see cref="JobValueResolver"/>): once
    /// per refresh, before the page, count and summaries read it.
    /// </summary>
    public Task<JobQuery> ResolveAsync(JobQuery query, CancellationToken cancellationToken) =>
        _values.ResolveAsync(query, cancellationToken);

    /// <param name="allColumns">Keep all 127 PanDA columns of each job (<see cref="JobListRow.Columns"/>) for
    /// BigPanDA's JSON.</param>
    public async Task<JobListPage> GetJobsAsync(
        JobQuery query,
        ViewerAccess viewer,
        CancellationToken cancellationToken,
        bool allColumns = false
    )
    {
        query = await ResolveAsync(query, cancellationToken);
        // The input files are read while the count (usually the longer path) still runs.
        var rows = WithInputFilesAsync(ReadPageAsync(query, viewer, allColumns, cancellationToken), cancellationToken);
        var count = CountAsync(query, viewer, cancellationToken);
        await Task.WhenAll(rows, count);
        // A bounded count that ran out of time: the page itself is a lower bound that names nothing the viewer cannot
        // see.
        var total =
            await count
            ?? new JobCount(query.Offset + (await rows).Count, IsEstimate: false, query.Limit)
            {
                AtLeast = (await rows).Count == query.DisplayLimit,
            };
        return new JobListPage(await rows, total, query.AsOfUtc) { Notices = sql.Notices(query) };
    }

    /// <summary>
    /// BigPanDA's "N input files": distinct input LFNs per job in filestable4, read for the shown page only (by its
    /// pandaid index). Jobs older than filestable4's retention keep null.
    /// </summary>
    private async Task<IReadOnlyList<JobListRow>> WithInputFilesAsync(
        Task<IReadOnlyList<JobListRow>> page,
        CancellationToken cancellationToken
    )
    {
        var rows = await page;
        if (rows.Count == 0 || sql.InputFileCountCommand(rows.Select(r => r.PandaId).ToArray()) is not { } command)
        {
            return rows;
        }

        var counts = (
            await panda.ReadAllAsync(
                command,
                r => (PandaId: r.GetInt64(0), Files: (int)r.GetInt64(1)),
                cancellationToken
            )
        ).ToDictionary(c => c.PandaId, c => c.Files);
        return rows.Select(r => counts.TryGetValue(r.PandaId, out var n) ? r with { InputFiles = n } : r).ToList();
    }

    private async Task<IReadOnlyList<JobListRow>> ReadPageAsync(
        JobQuery query,
        ViewerAccess viewer,
        bool allColumns,
        CancellationToken cancellationToken
    )
    {
        // The reader maps columns by name once, on the first row.
        JobListRowReader? map = null;
        return await panda.ReadAllAsync(
            sql.PageCommand(query, viewer, allColumns),
            reader => (map ??= new JobListRowReader((NpgsqlDataReader)reader, viewer, allColumns)).Read(),
            cancellationToken
        );
    }

    /// <summary>
    /// The planner's estimate counts every row the statistics know, blind ones included: for a viewer without blind
    /// access it would tell how many blind jobs match a blind-only filter (or, under Iam:BlindJobs=Hide, that blind
    /// jobs exist at all). Such a viewer gets an exact count that stops at JobList:ExactCountThreshold instead.
    /// </summary>
    private static bool EstimateWouldLeak(JobQuery query, ViewerAccess viewer) =>
        !viewer.CanSeeBlindData && (viewer.ExcludesBlindJobs || query.Filters.Any(f => f.Field.BlindOnly));

    private async Task<JobCount?> CountAsync(JobQuery query, ViewerAccess viewer, CancellationToken cancellationToken)
    {
        var guarded = EstimateWouldLeak(query, viewer);
        var estimate = guarded ? 0 : await EstimateAsync(query, viewer, cancellationToken);
        if (estimate > options.Value.ExactCountThreshold)
        {
            return new JobCount(estimate, IsEstimate: true, query.Limit);
        }

        await using var connection = await panda.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (
            var timeout = new NpgsqlCommand(
                $"SET LOCAL statement_timeout = {options.Value.ExactCountTimeoutMs}",
                connection,
                transaction
            )
        )
        {
            await timeout.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            var bound = guarded ? options.Value.ExactCountThreshold + 1L : (long?)null;
            await using var command = sql.CountCommand(query, viewer, explain: false, bound);
            command.Connection = connection;
            command.Transaction = transaction;
            var exact = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return exact > options.Value.ExactCountThreshold && guarded
                ? new JobCount(options.Value.ExactCountThreshold, IsEstimate: false, query.Limit) { AtLeast = true }
                : new JobCount(exact, IsEstimate: false, query.Limit);
        }
        catch (PostgresException e)
            when (e.SqlState == QueryCanceled && !cancellationToken.IsCancellationRequested && guarded)
        {
            logger.LogInformation(
                "Exact job count exceeded {TimeoutMs} ms; no estimate is shown for this viewer",
                options.Value.ExactCountTimeoutMs
            );
            return null;
        }
        catch (PostgresException e) when (e.SqlState == QueryCanceled && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation(
                "Exact job count exceeded {TimeoutMs} ms; showing the planner's estimate of {Estimate}",
                options.Value.ExactCountTimeoutMs,
                estimate
            );
            return new JobCount(estimate, IsEstimate: true, query.Limit);
        }
    }

    private async Task<long> EstimateAsync(JobQuery query, ViewerAccess viewer, CancellationToken cancellationToken)
    {
        await using var connection = await panda.DataSource.OpenConnectionAsync(cancellationToken);
        await using var command = sql.CountCommand(query, viewer, explain: true);
        command.Connection = connection;
        var plan = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        using var json = JsonDocument.Parse(plan);
        return (long)json.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }
}
