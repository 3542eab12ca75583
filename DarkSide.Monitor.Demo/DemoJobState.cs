using DarkSide.Monitor.Panda.Db;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// Where a demo job is at a given instant: its PanDA table, state and the timestamps PanDA would show.
/// </summary>
public readonly record struct DemoJobSnapshot(
    PandaJobTable Table,
    string Status,
    string? SubStatus,
    DateTime ModificationTime,
    DateTime StateChangeTime,
    DateTime? StartTime,
    DateTime? EndTime
);

public static class DemoJobState
{
    public static DemoJobSnapshot At(DemoJob job, DateTime now)
    {
        if (job.Archived <= now)
        {
            return new(
                PandaJobTable.JobsArchived4,
                job.FinalStatus,
                job.FinalSubStatus,
                job.Archived,
                job.Archived,
                job.Start,
                job.End
            );
        }

        // A little variety that depends only on the PandaID, so a snapshot is reproducible; the stride spreads
        // consecutive PandaIDs (the newest jobs) over all variants.
        var variant = (int)(job.PandaId * 7919 % 100);
        if (now < job.Activated)
        {
            var status =
                variant < 30 ? "pending"
                : variant < 85 ? "defined"
                : "assigned";
            return new(PandaJobTable.JobsDefined4, status, null, job.Created, job.Created, null, null);
        }

        if (job.Start is not { } start || now < start)
        {
            var sinceStart = job.Start is { } s ? (s - now).TotalMinutes : double.MaxValue;
            var status =
                sinceStart < 2 ? "starting"
                : sinceStart < 4 ? "sent"
                : variant < 3 ? "throttled"
                : "activated";
            return new(PandaJobTable.JobsActive4, status, null, job.Activated, job.Activated, null, null);
        }

        if (job.End is not { } end || now < end)
        {
            // The pilot's heartbeat bumps modificationtime every ~30 minutes while the state stays "running".
            var heartbeat = start.AddMinutes(Math.Floor((now - start).TotalMinutes / 30) * 30);
            return new(PandaJobTable.JobsActive4, "running", null, heartbeat, start, start, null);
        }

        var after =
            job.Task.Kind.Name == "reconstruction" && variant < 10 ? "merging"
            : variant < 15 ? "transferring"
            : "holding";
        return new(PandaJobTable.JobsActive4, after, null, end, end, start, end);
    }
}
