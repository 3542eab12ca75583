using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// A staged site incident for the demo: from <paramref name="startUtc"/> for <paramref name="length"/>, every tick
/// ends <paramref name="jobsPerTick"/> more jobs at <paramref name="queue"/> as failed with one pilot error (a storage
/// element gone: stage-in fails minutes into the job), so the alert rules have something to find and, after it,
/// something to resolve. The jobs are copies of recent ones, as the simulator's new jobs are.
/// </summary>
public sealed class SiteIncident(
    NpgsqlDataSource admin,
    PandaOptions options,
    string queue,
    DateTime startUtc,
    TimeSpan length,
    int jobsPerTick
)
{
    public const int PilotCode = 1099;
    public const string Diagnostic = "Failed to stage-in file: storage element unreachable";

    private bool _announced;

    public string Queue => queue;

    public async Task<int> TickAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        if (now < startUtc || now >= startUtc + length)
        {
            if (_announced && now >= startUtc + length)
            {
                logger.LogInformation("Staged incident at {Queue} is over", queue);
                _announced = false;
            }

            return 0;
        }

        if (!_announced)
        {
            logger.LogInformation("Staged incident: jobs at {Queue} fail with pilot:{Code}", queue, PilotCode);
            _announced = true;
        }

        var s = options.Schema;
        var columns = PandaJobColumns.All;
        var overrides = new Dictionary<string, string>
        {
            ["pandaid"] = $"nextval('{s}.jobsdefined4_pandaid_seq')",
            ["jobstatus"] = "'failed'",
            ["computingsite"] = "@queue",
            ["modificationtime"] = "now() AT TIME ZONE 'UTC'",
            ["statechangetime"] = "now() AT TIME ZONE 'UTC'",
            ["endtime"] = "now() AT TIME ZONE 'UTC'",
            ["starttime"] = "(now() AT TIME ZONE 'UTC') - interval '3 minutes'",
            ["piloterrorcode"] = PilotCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["piloterrordiag"] = "@diag",
            ["exeerrorcode"] = "0",
            ["exeerrordiag"] = "NULL",
            ["cpuconsumptiontime"] = "0",
        };
        var select = string.Join(", ", columns.Select(c => overrides.GetValueOrDefault(c, c)));
        await using var command = admin.CreateCommand(
            $"""
            WITH created AS (
                INSERT INTO {s}.jobsarchived4 ({PandaJobColumns.SqlList})
                SELECT {select} FROM {s}.jobsarchived4
                WHERE modificationtime > (now() AT TIME ZONE 'UTC') - interval '2 days'
                ORDER BY random() LIMIT @count
                RETURNING pandaid, modificationtime, jobstatus, prodsourcelabel, cloud, computingsite)
            INSERT INTO {s}.jobs_statuslog (pandaid, modificationtime, jobstatus, prodsourcelabel, cloud,
                computingsite, modiftime_extended)
            SELECT pandaid, modificationtime, jobstatus, prodsourcelabel, cloud, computingsite, modificationtime
            FROM created
            """
        );
        command.Parameters.AddWithValue("queue", queue);
        command.Parameters.AddWithValue("diag", Diagnostic);
        command.Parameters.AddWithValue("count", jobsPerTick);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
