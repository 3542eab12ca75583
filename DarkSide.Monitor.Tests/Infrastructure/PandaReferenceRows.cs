using System.Globalization;
using DarkSide.Monitor.Panda.Db;
using Npgsql;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// Jobs and tasks written the way PanDA writes them, built from PanDA's column definitions (docs/panda-data.md) instead
/// of our demo generator: every attribute the server leaves unset is NULL (JobSpec.valuesMap), the NOT NULL counters
/// are 0, and PanDA's 1970-01-01 column default shows up where a row was inserted without a value. Every test database
/// gets them.
/// </summary>
public static class PandaReferenceRows
{
    /// <summary>The NOT NULL columns of jobsactive4, jobsdefined4, jobswaiting4 and jobsarchived4 (reference
    /// §2.2).</summary>
    public static readonly IReadOnlySet<string> JobNotNull = new HashSet<string>(StringComparer.Ordinal)
    {
        "pandaid",
        "jobdefinitionid",
        "creationtime",
        "modificationtime",
        "assignedpriority",
        "currentpriority",
        "attemptnr",
        "maxattempt",
        "jobstatus",
        "maxcpucount",
        "maxdiskcount",
        "minramcount",
        "cpuconsumptiontime",
        "piloterrorcode",
        "exeerrorcode",
        "superrorcode",
        "ddmerrorcode",
        "brokerageerrorcode",
        "jobdispatchererrorcode",
        "taskbuffererrorcode",
        "nevents",
    };

    /// <summary>doma_pandaarch.jobsarchived leaves cpuconsumptiontime and nevents nullable (reference §2.4).</summary>
    public static readonly IReadOnlySet<string> ArchiveJobNotNull = JobNotNull
        .Except(["cpuconsumptiontime", "nevents"])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The NOT NULL columns of jedi_tasks (reference §3.1): everything else may be NULL.</summary>
    public static readonly IReadOnlySet<string> TaskNotNull = new HashSet<string>(StringComparer.Ordinal)
    {
        "jeditaskid",
        "status",
        "username",
        "creationdate",
        "modificationtime",
    };

    /// <summary>Every job column PanDA may leave NULL: one job per column has NULL there and nowhere else.</summary>
    public static IReadOnlyList<string> NullableJobColumns { get; } =
        PandaJobColumns.All.Where(c => !JobNotNull.Contains(c)).ToArray();

    /// <summary>A user task submitted with `prun --noBuild`: no input dataset, no datasets at all in JEDI.</summary>
    public const long PrunTaskId = 17;

    /// <summary>The task of the per-column jobs: only jedi_tasks' NOT NULL columns are set.</summary>
    public const long BareTaskId = 18;

    public const long PrunFinished = 13715,
        PrunFailed = 13716,
        PrunRunning = 13717;
    public const long BarePending = 13720,
        BareActivated = 13721,
        BareFailedBeforeStart = 13722;
    public const long BareCancelledWithoutTask = 13723,
        BareOldArchived = 13724;
    public const long FirstPerColumn = 13800;

    public static IReadOnlyList<long> NamedJobs { get; } =
    [
        PrunFinished,
        PrunFailed,
        PrunRunning,
        BarePending,
        BareActivated,
        BareFailedBeforeStart,
        BareCancelledWithoutTask,
    ];

    /// <summary>The jobs added to the live job tables, in PandaID order (the old archived job is not among
    /// them).</summary>
    public static IReadOnlyList<long> LiveJobs { get; } =
    [.. NamedJobs, .. NullableJobColumns.Select((_, i) => FirstPerColumn + i)];

    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static long PerColumnJob(string column) => FirstPerColumn + NullableJobColumns.ToList().IndexOf(column);

    /// <summary>Adds the reference rows to a PanDA database whose "now" is <paramref name="nowUtc"/>.</summary>
    public static async Task AddAsync(NpgsqlDataSource admin, DateTime nowUtc, bool hasSeededJobs)
    {
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Unspecified);
        await InsertTaskAsync(
            admin,
            new()
            {
                ["jeditaskid"] = PrunTaskId,
                ["taskname"] = "user.mrossi.prun_noBuild.20241107",
                ["status"] = "running",
                ["username"] = "Marco Rossi",
                ["creationdate"] = now.AddHours(-5),
                ["modificationtime"] = now.AddMinutes(-30),
                ["prodsourcelabel"] = "user",
                ["tasktype"] = "anal",
                ["vo"] = "wlcg",
            }
        );
        await InsertTaskAsync(
            admin,
            new()
            {
                ["jeditaskid"] = BareTaskId,
                ["status"] = "defined",
                ["username"] = "Giulia Bianchi",
                ["creationdate"] = now.AddHours(-4),
                ["modificationtime"] = now.AddHours(-4),
            }
        );

        // prun --noBuild: no input, the output dataset not yet registered, no working group.
        Dictionary<string, object> Prun(long pandaId, string status, DateTime modified) =>
            new()
            {
                ["pandaid"] = pandaId,
                ["jobstatus"] = status,
                ["creationtime"] = now.AddHours(-5),
                ["modificationtime"] = modified,
                ["jeditaskid"] = PrunTaskId,
                ["produsername"] = "Marco Rossi",
                ["prodsourcelabel"] = "user",
                ["vo"] = "wlcg",
                ["jobname"] = $"user.mrossi.prun_noBuild.20241107/.{pandaId}",
                ["computingsite"] = "CNAF-DS-1",
                ["transformation"] = "http://pandaserver-doma.cern.ch:25080/trf/user/runGen-00-00-02",
                ["attemptnr"] = 1,
                ["maxattempt"] = 5,
                ["corecount"] = 1,
                ["currentpriority"] = 1000,
                ["starttime"] = now.AddHours(-4),
                ["statechangetime"] = modified,
            };
        var finished = Prun(PrunFinished, "finished", now.AddHours(-2));
        finished["endtime"] = now.AddHours(-2).AddMinutes(-1);
        finished["actualcorecount"] = 1;
        finished["maxpss"] = 812_000L;
        finished["cpuconsumptiontime"] = 3000m;
        var failed = Prun(PrunFailed, "failed", now.AddHours(-2));
        failed["endtime"] = now.AddHours(-2).AddMinutes(-2);
        failed["exeerrorcode"] = 1;
        failed["exeerrordiag"] = "Non-zero return code from runGen (1)";
        failed["transexitcode"] = "1";
        var running = Prun(PrunRunning, "running", now.AddMinutes(-3));
        running["modificationhost"] = "wn-07-11.cr.cnaf.infn.it";

        await InsertJobAsync(admin, "doma_panda.jobsarchived4", finished);
        await InsertJobAsync(admin, "doma_panda.jobsarchived4", failed);
        await InsertJobAsync(admin, "doma_panda.jobsactive4", running);

        // Jobs with nothing but PanDA's NOT NULL columns set, in every table and state shape.
        await InsertJobAsync(
            admin,
            "doma_panda.jobsdefined4",
            new()
            {
                ["pandaid"] = BarePending,
                ["jobstatus"] = "pending",
                ["creationtime"] = now.AddMinutes(-20),
                ["modificationtime"] = now.AddMinutes(-20),
                ["jeditaskid"] = BareTaskId,
            }
        );
        await InsertJobAsync(
            admin,
            "doma_panda.jobsactive4",
            new()
            {
                // Inserted without a start: the column default 1970-01-01 stands for "not started".
                ["pandaid"] = BareActivated,
                ["jobstatus"] = "activated",
                ["creationtime"] = now.AddMinutes(-50),
                ["modificationtime"] = now.AddMinutes(-10),
                ["starttime"] = Epoch,
                ["endtime"] = Epoch,
                ["statechangetime"] = Epoch,
                ["jeditaskid"] = BareTaskId,
            }
        );
        await InsertJobAsync(
            admin,
            "doma_panda.jobsarchived4",
            new()
            {
                ["pandaid"] = BareFailedBeforeStart,
                ["jobstatus"] = "failed",
                ["creationtime"] = now.AddHours(-3),
                ["modificationtime"] = now.AddHours(-1),
                ["jeditaskid"] = BareTaskId,
                ["taskbuffererrorcode"] = 106,
                ["taskbuffererrordiag"] = "killed by JEDI",
                ["computingsite"] = "CNAF-DS-1",
            }
        );
        await InsertJobAsync(
            admin,
            "doma_panda.jobsarchived4",
            new()
            {
                ["pandaid"] = BareCancelledWithoutTask,
                ["jobstatus"] = "cancelled",
                ["creationtime"] = now.AddHours(-3),
                ["modificationtime"] = now.AddMinutes(-70),
            }
        );
        await InsertJobAsync(
            admin,
            "doma_pandaarch.jobsarchived",
            new()
            {
                ["pandaid"] = BareOldArchived,
                ["jobstatus"] = "finished",
                ["creationtime"] = now.AddDays(-400),
                ["modificationtime"] = now.AddDays(-399),
                ["statechangetime"] = now.AddDays(-399),
            }
        );

        if (hasSeededJobs)
        {
            await AddPerColumnJobsAsync(admin, now);
        }
    }

    /// <summary>
    /// One copy per nullable column of a finished demo job that has every column set, with NULL in that column only,
    /// archived an hour ago in the bare task (or in none, for the jeditaskid copy).
    /// </summary>
    private static async Task AddPerColumnJobsAsync(NpgsqlDataSource admin, DateTime now)
    {
        await using var source = admin.CreateCommand(
            // A job with as many columns set as PanDA sets, so each copy has exactly one NULL that matters.
            "SELECT pandaid FROM doma_panda.jobsarchived4 WHERE jobstatus = 'finished' AND maxpss IS NOT NULL "
                + "AND pilotid IS NOT NULL AND proddblock IS NOT NULL AND destinationdblock IS NOT NULL "
                + "AND workinggroup IS NOT NULL AND jobmetrics IS NOT NULL AND hs06sec IS NOT NULL "
                + "AND NOT jeditaskid IN (SELECT jeditaskid FROM doma_panda.jedi_datasets WHERE datasetname LIKE "
                + "'blind%') "
                + "ORDER BY pandaid LIMIT 1"
        );
        var sourceId = (long)(await source.ExecuteScalarAsync())!;
        var batch = admin.CreateBatch();
        foreach (var (column, index) in NullableJobColumns.Select((c, i) => (c, i)))
        {
            var values = PandaJobColumns.All.Select(c =>
                c == column ? "NULL"
                : c == "pandaid" ? (FirstPerColumn + index).ToString(CultureInfo.InvariantCulture)
                : c == "jeditaskid" ? BareTaskId.ToString(CultureInfo.InvariantCulture)
                : c == "modificationtime" ? "@modified"
                : c
            );
            var command = new NpgsqlBatchCommand(
                $"INSERT INTO doma_panda.jobsarchived4 ({PandaJobColumns.SqlList}) "
                    + $"SELECT {string.Join(", ", values)} FROM doma_panda.jobsarchived4 WHERE pandaid = @source"
            );
            command.Parameters.AddWithValue("source", sourceId);
            command.Parameters.AddWithValue("modified", now.AddHours(-1));
            batch.BatchCommands.Add(command);
        }

        await using (batch)
        {
            await batch.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Inserts a job naming every column: the given values, 0 in the other NOT NULL ones, NULL
    /// elsewhere.</summary>
    public static Task InsertJobAsync(NpgsqlDataSource admin, string table, Dictionary<string, object> values)
    {
        var notNull = table.EndsWith(".jobsarchived", StringComparison.Ordinal) ? ArchiveJobNotNull : JobNotNull;
        return InsertAsync(admin, table, PandaJobColumns.All, values, c => notNull.Contains(c) ? 0 : null);
    }

    /// <summary>PanDA's trigger update_realmodificationtime stamps the insert; our DDL has no trigger, so it is set
    /// here.</summary>
    private static Task InsertTaskAsync(NpgsqlDataSource admin, Dictionary<string, object> values)
    {
        values["realmodificationtime"] = values["modificationtime"];
        return InsertAsync(admin, "doma_panda.jedi_tasks", values.Keys.ToList(), values, _ => null);
    }

    private static async Task InsertAsync(
        NpgsqlDataSource admin,
        string table,
        IReadOnlyList<string> columns,
        Dictionary<string, object> values,
        Func<string, object?> otherwise
    )
    {
        await using var command = admin.CreateCommand(
            $"INSERT INTO {table} ({string.Join(", ", columns)}) "
                + $"VALUES ({string.Join(", ", columns.Select(c => "@" + c))})"
        );
        foreach (var column in columns)
        {
            var value = values.TryGetValue(column, out var given) ? given : otherwise(column);
            command.Parameters.Add(new NpgsqlParameter(column, value ?? DBNull.Value));
        }

        await command.ExecuteNonQueryAsync();
    }
}
