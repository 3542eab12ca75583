using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// Keeps a demo database alive the way PanDA does: new jobs appear in jobsdefined4 and move through the lifecycle.
/// A move between tables is DELETE ... RETURNING feeding INSERT in one statement; every change bumps
/// modificationtime and statechangetime and writes a jobs_statuslog row.
/// </summary>
public sealed class LiveSimulator(NpgsqlDataSource admin, PandaOptions options, int jobsPerTick)
{
    private static readonly string[] Pilot =
    [
        "1099|Failed to stage-in file",
        "1212|Payload ran out of memory",
        "1201|Job killed by signal: SIGTERM",
        "1150|Looping job killed by pilot",
    ];

    private DateTime _partitionsReady = DateTime.MinValue;

    private string S => options.Schema;

    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        // Archived jobs land in the current month's partition; keep next month's ready, as pg_partman's premake does.
        var now = DateTime.UtcNow;
        if (now.AddMonths(1) > _partitionsReady)
        {
            await new PandaSchemaInstaller(admin, options).CreateMonthlyPartitionsAsync(
                now,
                now.AddMonths(2),
                cancellationToken
            );
            _partitionsReady = now.AddMonths(2);
        }

        var changed = 0;
        changed += await CreateJobsAsync(cancellationToken);
        changed += await MoveAsync(
            "jobsdefined4",
            ["pending", "defined", "assigned"],
            "jobsactive4",
            "'activated'",
            "",
            cancellationToken
        );
        changed += await UpdateAsync(["activated"], "'sent'", "", cancellationToken);
        changed += await UpdateAsync(["sent"], "'starting'", "", cancellationToken);
        changed += await UpdateAsync(
            ["starting"],
            "'running'",
            ", starttime = now() AT TIME ZONE 'UTC', actualcorecount = corecount",
            cancellationToken
        );
        changed += await UpdateAsync(
            ["running"],
            "'holding'",
            ", endtime = now() AT TIME ZONE 'UTC', cpuconsumptiontime = floor(extract(epoch FROM (now() AT TIME "
                + "ZONE 'UTC') - starttime) * coalesce(corecount, 1) * 0.85)"
                + ", maxpss = coalesce(corecount, 1) * 1500000, avgpss = coalesce(corecount, 1) * 1100000",
            cancellationToken
        );
        var failure = Pilot[Random.Shared.Next(Pilot.Length)].Split('|');
        var finalStatus = Random.Shared.NextDouble() < 0.1 ? "failed" : "finished";
        var errorSet =
            finalStatus == "failed"
                ? $"piloterrorcode = "
                    + $"{int.Parse(failure[0], System.Globalization.CultureInfo.InvariantCulture)}, "
                    + $"piloterrordiag = @diag"
                : "piloterrorcode = 0";
        changed += await MoveAsync(
            "jobsactive4",
            ["holding", "transferring", "merging"],
            "jobsarchived4",
            $"'{finalStatus}'",
            errorSet,
            cancellationToken,
            ("diag", failure[1])
        );
        return changed;
    }

    /// <summary>
    /// New jobs are copies of recent ones with a fresh PandaID, as JEDI keeps generating jobs for running tasks.
    /// </summary>
    private async Task<int> CreateJobsAsync(CancellationToken cancellationToken)
    {
        var columns = DemoJobRows.Columns;
        var overrides = new Dictionary<string, string>
        {
            ["pandaid"] = $"nextval('{S}.jobsdefined4_pandaid_seq')",
            ["jobstatus"] = "'defined'",
            ["creationtime"] = "now() AT TIME ZONE 'UTC'",
            ["modificationtime"] = "now() AT TIME ZONE 'UTC'",
            ["statechangetime"] = "now() AT TIME ZONE 'UTC'",
            ["attemptnr"] = "1",
            ["jobname"] =
                "regexp_replace(jobname, '[0-9]+$', '') || lpad((floor(random() * 1000000))::int::text, 6, '0')",
        };
        foreach (
            var unset in new[]
            {
                "starttime",
                "endtime",
                "pilotid",
                "modificationhost",
                "batchid",
                "computingelement",
                "actualcorecount",
                "maxrss",
                "maxvmem",
                "maxswap",
                "maxpss",
                "avgrss",
                "avgvmem",
                "avgswap",
                "avgpss",
                "hs06sec",
                "jobsubstatus",
                "piloterrordiag",
                "exeerrordiag",
                "ddmerrordiag",
                "jobdispatchererrordiag",
                "taskbuffererrordiag",
                "transexitcode",
                "jobmetrics",
            }
        )
        {
            overrides[unset] = "NULL";
        }

        foreach (
            var zero in new[]
            {
                "piloterrorcode",
                "exeerrorcode",
                "ddmerrorcode",
                "jobdispatchererrorcode",
                "taskbuffererrorcode",
                "nevents",
                "cpuconsumptiontime",
            }
        )
        {
            overrides[zero] = "0";
        }

        var select = string.Join(", ", columns.Select(c => overrides.GetValueOrDefault(c, c)));
        var sql = $"""
            WITH created AS (
                INSERT INTO {S}.jobsdefined4 ({string.Join(", ", columns)})
                SELECT {select} FROM {S}.jobsarchived4
                WHERE modificationtime > (now() AT TIME ZONE 'UTC') - interval '2 days'
                ORDER BY random() LIMIT @count
                RETURNING pandaid, modificationtime, jobstatus, prodsourcelabel, cloud, computingsite)
            INSERT INTO {S}.jobs_statuslog (pandaid, modificationtime, jobstatus, prodsourcelabel, cloud,
                computingsite, modiftime_extended)
            SELECT pandaid, modificationtime, jobstatus, prodsourcelabel, cloud, computingsite, modificationtime FROM
                created
            """;
        return await ExecuteAsync(sql, cancellationToken, ("count", jobsPerTick));
    }

    private async Task<int> UpdateAsync(string[] from, string to, string set, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH picked AS (
                SELECT pandaid FROM {S}.jobsactive4 WHERE jobstatus = ANY(@from)
                ORDER BY statechangetime LIMIT @count FOR UPDATE SKIP LOCKED),
            changed AS (
                UPDATE {S}.jobsactive4 j SET jobstatus = {to}, modificationtime = now() AT TIME ZONE 'UTC',
                    statechangetime = now() AT TIME ZONE 'UTC'{set}
                FROM picked WHERE j.pandaid = picked.pandaid
                RETURNING j.pandaid, j.modificationtime, j.jobstatus, j.prodsourcelabel, j.cloud, j.computingsite,
                    j.modificationhost)
            INSERT INTO {S}.jobs_statuslog (pandaid, modificationtime, jobstatus, prodsourcelabel, cloud,
                computingsite, modificationhost, modiftime_extended)
            SELECT pandaid, modificationtime, jobstatus, prodsourcelabel, cloud, computingsite, modificationhost,
                modificationtime FROM changed
            """;
        return await ExecuteAsync(sql, cancellationToken, ("from", from), ("count", jobsPerTick));
    }

    private async Task<int> MoveAsync(
        string fromTable,
        string[] from,
        string toTable,
        string to,
        string extraSet,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] extra
    )
    {
        var all = PandaJobColumns.All;
        var overrides = new Dictionary<string, string>
        {
            ["jobstatus"] = to,
            ["modificationtime"] = "now() AT TIME ZONE 'UTC'",
            ["statechangetime"] = "now() AT TIME ZONE 'UTC'",
        };
        foreach (var assignment in extraSet.Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = assignment.Split(" = ", 2);
            overrides[parts[0].Trim()] = parts[1];
        }

        var sql = $"""
            WITH picked AS (
                SELECT pandaid FROM {S}.{fromTable} WHERE jobstatus = ANY(@from)
                ORDER BY statechangetime LIMIT @count FOR UPDATE SKIP LOCKED),
            moved AS (
                DELETE FROM {S}.{fromTable} j USING picked WHERE j.pandaid = picked.pandaid
                RETURNING {string.Join(", ", all.Select(c => "j." + c))}),
            inserted AS (
                INSERT INTO {S}.{toTable} ({PandaJobColumns.SqlList})
                SELECT {string.Join(", ", all.Select(c => overrides.GetValueOrDefault(c, c)))} FROM moved
                RETURNING pandaid, modificationtime, jobstatus, prodsourcelabel, cloud, computingsite, modificationhost)
            INSERT INTO {S}.jobs_statuslog (pandaid, modificationtime, jobstatus, prodsourcelabel, cloud,
                computingsite, modificationhost, modiftime_extended)
            SELECT pandaid, modificationtime, jobstatus, prodsourcelabel, cloud, computingsite, modificationhost,
                modificationtime FROM inserted
            """;
        return await ExecuteAsync(sql, cancellationToken, [("from", from), ("count", jobsPerTick), .. extra]);
    }

    private async Task<int> ExecuteAsync(
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters
    )
    {
        await using var command = admin.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
