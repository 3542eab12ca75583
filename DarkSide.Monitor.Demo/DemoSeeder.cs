using System.Diagnostics;
using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// Fills PanDA's tables with a generated DarkSide-20k history through binary COPY, one connection per table so the
/// tables load in parallel. On an empty database it loads before creating the indexes, which is several times faster.
/// </summary>
public sealed class DemoSeeder(NpgsqlDataSource admin, PandaOptions options, ILogger<DemoSeeder> logger)
{
    private const int FileRetentionDays = 30;
    private const int StatusLogRetentionDays = 90;

    public async Task<DemoSeedReport> SeedAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var installer = new PandaSchemaInstaller(admin, options);
        var fresh = !await installer.ExistsAsync(cancellationToken);
        if (fresh)
        {
            await installer.CreateTablesAsync(
                settings.NowUtc.AddDays(-settings.Days),
                settings.NowUtc,
                cancellationToken
            );
        }
        else if (await HasJobsAsync(cancellationToken))
        {
            throw new InvalidOperationException($"{options.Schema} already holds jobs; seed an empty database.");
        }

        var history = new DemoHistory(settings);
        var counts = await WriteJobsAsync(history, settings.NowUtc, cancellationToken);
        await WriteTasksAsync(history, settings.NowUtc, cancellationToken);
        var loaded = watch.Elapsed;
        if (fresh)
        {
            await installer.CreateIndexesAsync(cancellationToken);
        }

        var indexed = watch.Elapsed;

        await ExecuteAsync(
            $"SELECT setval('{options.Schema}.jobsdefined4_pandaid_seq', (SELECT max(pandaid) FROM "
                + $"({UnionIds()}) ids))",
            cancellationToken
        );
        // Statistics now, for the first queries; autovacuum sets the visibility map of the new rows in the background
        // (PostgreSQL 13+ vacuums insert-only tables), as it does on a real PanDA database.
        await ExecuteAsync("ANALYZE", cancellationToken);
        var report = new DemoSeedReport(counts, history.Tasks.Count, loaded, watch.Elapsed);
        logger.LogInformation(
            "Seeded {Jobs} jobs in {Tasks} tasks: loaded in {Load:F1} s ({Rate:F0} jobs/s), indexes {Index:F1} "
                + "s, statistics {Vacuum:F1} s, {Total:F1} s in all",
            report.Jobs,
            report.Tasks,
            loaded.TotalSeconds,
            report.JobsPerSecond,
            (indexed - loaded).TotalSeconds,
            (watch.Elapsed - indexed).TotalSeconds,
            report.Total.TotalSeconds
        );
        return report;
    }

    private async Task<Dictionary<string, long>> WriteJobsAsync(
        DemoHistory history,
        DateTime now,
        CancellationToken cancellationToken
    )
    {
        var schema = options.Schema;
        var jobColumns = DemoJobRows.Columns;
        var writers = new Dictionary<string, PandaBulkWriter>();
        async Task Open(string table, IReadOnlyList<string> columns) =>
            writers[table] = await PandaBulkWriter.OpenAsync(admin, schema, table, columns, cancellationToken);

        await Open("jobsdefined4", jobColumns);
        await Open("jobsactive4", jobColumns);
        await Open("jobsarchived4", jobColumns);
        await Open("filestable4", DemoFileRows.FileColumns);
        await Open("jobparamstable", ["pandaid", "modificationtime", "jobparameters"]);
        await Open("metatable", ["pandaid", "modificationtime", "metadata"]);
        await Open("jobs_statuslog", DemoFileRows.StatusLogColumns);
        await Open(
            "jedi_job_retry_history",
            ["jeditaskid", "oldpandaid", "newpandaid", "ins_utc_tstamp", "relationtype", "originpandaid"]
        );
        await Open("jedi_dataset_contents", DemoFileRows.ContentColumns);
        try
        {
            var files = new DemoFileRows();
            foreach (var job in history.Jobs())
            {
                var snapshot = DemoJobState.At(job, now);
                var table = snapshot.Table switch
                {
                    PandaJobTable.JobsDefined4 => "jobsdefined4",
                    PandaJobTable.JobsActive4 => "jobsactive4",
                    _ => "jobsarchived4",
                };
                writers[table].WriteRow(DemoJobRows.Values(job, snapshot));

                var archived = snapshot.Table == PandaJobTable.JobsArchived4;
                var stamp = archived ? snapshot.ModificationTime : DateTime.UnixEpoch;
                if (!archived || snapshot.ModificationTime >= now.AddDays(-FileRetentionDays))
                {
                    foreach (var row in files.Files(job, snapshot, stamp))
                    {
                        writers["filestable4"].WriteRow(row);
                    }

                    writers["jobparamstable"].WriteRow([job.PandaId, stamp, DemoFileRows.JobParameters(job)]);
                    if (snapshot.Status == "finished")
                    {
                        writers["metatable"].WriteRow([job.PandaId, stamp, DemoFileRows.Metadata(job)]);
                    }
                }

                if (!archived || snapshot.ModificationTime >= now.AddDays(-StatusLogRetentionDays))
                {
                    foreach (var row in DemoFileRows.StatusLog(job, snapshot, now))
                    {
                        writers["jobs_statuslog"].WriteRow(row);
                    }
                }

                if (job.RetryOf is { } old)
                {
                    writers["jedi_job_retry_history"]
                        .WriteRow([job.Task.JediTaskId, old, job.PandaId, job.Created, "retry", job.OriginPandaId]);
                }

                if (!job.WillBeRetried && DemoFileRows.Content(job, snapshot) is { } content)
                {
                    writers["jedi_dataset_contents"].WriteRow(content);
                }
            }

            foreach (var writer in writers.Values)
            {
                await writer.CompleteAsync(cancellationToken);
            }

            return writers.ToDictionary(w => w.Key, w => w.Value.Rows);
        }
        finally
        {
            foreach (var writer in writers.Values)
            {
                await writer.DisposeAsync();
            }
        }
    }

    private async Task WriteTasksAsync(DemoHistory history, DateTime now, CancellationToken cancellationToken)
    {
        await using (
            var tasks = await PandaBulkWriter.OpenAsync(
                admin,
                options.Schema,
                "jedi_tasks",
                DemoTaskRows.TaskColumns,
                cancellationToken
            )
        )
        {
            foreach (var task in history.Tasks)
            {
                tasks.WriteRow(DemoTaskRows.Task(task, now));
            }

            await tasks.CompleteAsync(cancellationToken);
        }

        await using (
            var datasets = await PandaBulkWriter.OpenAsync(
                admin,
                options.Schema,
                "jedi_datasets",
                DemoTaskRows.DatasetColumns,
                cancellationToken
            )
        )
        {
            foreach (var row in history.Tasks.SelectMany(t => DemoTaskRows.Datasets(t, now)))
            {
                datasets.WriteRow(row);
            }

            await datasets.CompleteAsync(cancellationToken);
        }

        await DemoTaskRows.WriteReferenceDataAsync(admin, options.Schema, cancellationToken);
    }

    private async Task<bool> HasJobsAsync(CancellationToken cancellationToken)
    {
        await using var command = admin.CreateCommand($"SELECT EXISTS (SELECT 1 FROM ({UnionIds()}) ids)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private string UnionIds() =>
        string.Join(
            " UNION ALL ",
            new[] { "jobsdefined4", "jobswaiting4", "jobsactive4", "jobsarchived4" }.Select(t =>
                $"SELECT pandaid FROM {options.Schema}.{t}"
            )
        );

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = admin.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed record DemoSeedReport(IReadOnlyDictionary<string, long> Rows, int Tasks, TimeSpan Load, TimeSpan Total)
{
    public long Jobs => Rows["jobsdefined4"] + Rows["jobsactive4"] + Rows["jobsarchived4"];

    public double JobsPerSecond => Jobs / Load.TotalSeconds;
}
