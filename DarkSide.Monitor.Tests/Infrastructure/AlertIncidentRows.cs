using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace DarkSide.Monitor.Tests.Infrastructure;

/// <summary>
/// A night's incidents as PanDA's rows (panda-schema.md's columns: what PanDA sets, NULL elsewhere), written around
/// a given "now": a failing site with one dominant error, a healthy and a small site, jobs stalled at a site, an
/// online queue whose jobs do not start and a brokeroff one, a task turned exhausted. Some failing jobs and the task
/// are blind, and their blind-only fields carry <see cref="BlindToken"/>, which no alert may ever carry.
/// </summary>
public static class AlertIncidentRows
{
    public const string BlindToken = "BLINDTOKEN7Q";
    public const string FailingSite = "ALERT-FAILING";
    public const string HealthySite = "ALERT-HEALTHY";
    public const string SmallSite = "ALERT-SMALL";
    public const string StalledSite = "ALERT-STALLED";
    public const string IdleQueue = "ALERT-IDLE";
    public const string BrokeroffQueue = "ALERT-BROKEROFF";
    public const long ExhaustedTask = 990_001;
    public const long BlindTask = 990_002;
    public const int FailingSiteFailed = 30;
    public const int FailingSiteFinished = 10;
    public const int DominantErrorJobs = 26;
    public const int DominantCode = 1305;

    private static long _nextPandaId = 9_900_000;

    /// <summary>A failed or finished job in jobsarchived4, ended <paramref name="endedAgo"/> before now.</summary>
    public static Dictionary<string, object> Ended(
        DateTime nowUtc,
        string? site,
        string status,
        TimeSpan endedAgo,
        long? jediTaskId = null
    )
    {
        var ended = nowUtc - endedAgo;
        var row = new Dictionary<string, object>
        {
            ["pandaid"] = Interlocked.Increment(ref _nextPandaId),
            ["jobstatus"] = status,
            ["prodsourcelabel"] = "managed",
            ["creationtime"] = ended.AddHours(-2),
            ["modificationtime"] = ended,
            ["statechangetime"] = ended,
            ["starttime"] = ended.AddMinutes(-40),
            ["endtime"] = ended,
            ["produsername"] = "shifter-test",
        };
        if (site is not null)
        {
            row["computingsite"] = site;
        }

        if (jediTaskId is { } task)
        {
            row["jeditaskid"] = task;
        }

        return row;
    }

    /// <param name="tag">Appended to every site's name: tests sharing one Alertmanager keep their alerts apart.</param>
    public static async Task AddAsync(PandaTestDatabase db, DateTime nowUtc, string tag = "")
    {
        var (failingSite, healthySite, smallSite) = (FailingSite + tag, HealthySite + tag, SmallSite + tag);
        var (stalledSite, idleQueue, brokeroffQueue) = (StalledSite + tag, IdleQueue + tag, BrokeroffQueue + tag);
        const string archived = "doma_panda.jobsarchived4";
        const string active = "doma_panda.jobsactive4";
        for (var i = 0; i < FailingSiteFailed; i++)
        {
            var job = Ended(nowUtc, failingSite, "failed", TimeSpan.FromMinutes(5 + i % 20), ExhaustedTask);
            var blind = i % 3 == 0;
            if (i < DominantErrorJobs)
            {
                job["piloterrorcode"] = DominantCode;
                job["piloterrordiag"] = blind ? $"Lost heartbeat {BlindToken} /data/{i}" : $"Lost heartbeat /data/{i}";
            }
            else
            {
                job["exeerrorcode"] = 65;
            }

            if (blind)
            {
                // Blind: its output goes to the blind scope; its name and diagnostic are blind-only.
                job["jobname"] = $"{BlindToken}.job.{i}";
                job["destinationdblock"] = $"blind:{BlindToken}.out";
                job["jeditaskid"] = BlindTask;
            }

            await PandaReferenceRows.InsertJobAsync(db.Admin, archived, job);
        }

        for (var i = 0; i < FailingSiteFinished; i++)
        {
            await PandaReferenceRows.InsertJobAsync(
                db.Admin,
                archived,
                Ended(nowUtc, failingSite, "finished", TimeSpan.FromMinutes(3 + i))
            );
        }

        for (var i = 0; i < 40; i++)
        {
            var status = i < 2 ? "failed" : "finished";
            var job = Ended(nowUtc, healthySite, status, TimeSpan.FromMinutes(2 + i % 25));
            job["piloterrorcode"] = status == "failed" ? DominantCode : 0;
            await PandaReferenceRows.InsertJobAsync(db.Admin, archived, job);
        }

        for (var i = 0; i < 5; i++)
        {
            await PandaReferenceRows.InsertJobAsync(
                db.Admin,
                archived,
                Ended(nowUtc, smallSite, "failed", TimeSpan.FromMinutes(4))
            );
        }

        // Failed long before the window, and failed without a site at all: neither counts anywhere.
        await PandaReferenceRows.InsertJobAsync(
            db.Admin,
            archived,
            Ended(nowUtc, failingSite, "failed", TimeSpan.FromHours(3))
        );
        await PandaReferenceRows.InsertJobAsync(
            db.Admin,
            archived,
            Ended(nowUtc, null, "failed", TimeSpan.FromMinutes(7))
        );

        for (var i = 0; i < 12; i++)
        {
            var job = Ended(nowUtc, stalledSite, "running", TimeSpan.FromHours(8));
            job["modificationtime"] = nowUtc.AddMinutes(-3);
            job.Remove("endtime");
            await PandaReferenceRows.InsertJobAsync(db.Admin, active, job);
        }

        foreach (var queue in new[] { idleQueue, brokeroffQueue })
        {
            for (var i = 0; i < 60; i++)
            {
                var job = Ended(nowUtc, queue, "activated", TimeSpan.FromHours(2));
                job.Remove("starttime");
                job.Remove("endtime");
                await PandaReferenceRows.InsertJobAsync(db.Admin, active, job);
            }
        }

        await QueueAsync(db, idleQueue, "online", null);
        await QueueAsync(db, brokeroffQueue, "brokeroff", "Storage down (GGUS 12345)");
        await TaskAsync(db, ExhaustedTask, "exhausted", "alice", nowUtc.AddHours(-1), "user.alice.calib");
        await TaskAsync(db, BlindTask, "running", "bob", nowUtc.AddHours(-1), $"user.bob.{BlindToken}");
        await db.ExecuteAsync(
            "INSERT INTO doma_panda.jedi_datasets (jeditaskid, datasetid, datasetname, type, creationtime, "
                + "modificationtime) VALUES (@task, 1, @name, 'input', @at, @at)",
            ("task", BlindTask),
            ("name", $"blind:{BlindToken}.in"),
            ("at", nowUtc.AddDays(-1))
        );
    }

    public static async Task QueueAsync(PandaTestDatabase db, string queue, string status, string? comment)
    {
        var data = JsonSerializer.Serialize(
            new Dictionary<string, object?> { ["status"] = status, ["comment_"] = comment }
        );
        await using var command = db.Admin.CreateCommand(
            "INSERT INTO doma_panda.schedconfig_json (panda_queue, data, last_update) VALUES (@q, @d, now()) "
                + "ON CONFLICT (panda_queue) DO UPDATE SET data = excluded.data"
        );
        command.Parameters.AddWithValue("q", queue);
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Json) { Value = data });
        await command.ExecuteNonQueryAsync();
    }

    private static Task TaskAsync(
        PandaTestDatabase db,
        long task,
        string status,
        string owner,
        DateTime modifiedUtc,
        string name
    ) =>
        db.ExecuteAsync(
            "INSERT INTO doma_panda.jedi_tasks (jeditaskid, taskname, status, username, creationdate, "
                + "modificationtime, realmodificationtime) VALUES (@task, @name, @status, @owner, @created, "
                + "@modified, @modified)",
            ("task", task),
            ("name", name),
            ("status", status),
            ("owner", owner),
            ("created", modifiedUtc.AddDays(-1)),
            ("modified", modifiedUtc)
        );
}
