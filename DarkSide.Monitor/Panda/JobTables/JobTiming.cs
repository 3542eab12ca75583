using System.Globalization;
using DarkSide.Monitor.Panda.Db;

namespace DarkSide.Monitor.Panda.JobTables;

/// <summary>
/// BigPanDA's computed job fields (docs/bigpanda-compatibility.md, "Computed job fields"), exactly: time to start,
/// duration with its fallbacks, Max PSS per core, the D:H:MM:SS format and the transformation's last path segment.
/// </summary>
public static class JobTiming
{
    /// <summary>starttime − creationtime; a job that has not started keeps counting: now − creationtime.</summary>
    public static TimeSpan TimeToStart(DateTime creationTime, DateTime? startTime, DateTime nowUtc) =>
        NotNegative((startTime ?? nowUtc) - creationTime);

    /// <summary>
    /// endtime - starttime. Without an endtime: a final or merging job ends at its last state change (or modification);
    /// any other job is still running, so now − starttime. A job that never started has duration 0.
    /// </summary>
    public static TimeSpan Duration(
        string jobStatus,
        DateTime? startTime,
        DateTime? endTime,
        DateTime? stateChangeTime,
        DateTime modificationTime,
        DateTime nowUtc
    )
    {
        if (startTime is not { } start)
        {
            return TimeSpan.Zero;
        }

        if (endTime is { } end)
        {
            return NotNegative(end - start);
        }

        return PandaJobStatus.IsFinal(jobStatus) || jobStatus == "merging"
            ? NotNegative((stateChangeTime ?? modificationTime) - start)
            : NotNegative(nowUtc - start);
    }

    /// <summary>When the job's time to start counts from while it counts with the clock; null once fixed.</summary>
    public static DateTime? TimeToStartCountingFrom(JobListRow job) => job.StartTime is null ? job.CreationTime : null;

    /// <summary>When the job's duration counts from while it still counts with the clock; null once fixed.</summary>
    public static DateTime? DurationCountingFrom(JobListRow job) =>
        job.StartTime is { } start
        && job.EndTime is null
        && !PandaJobStatus.IsFinal(job.JobStatus)
        && job.JobStatus != "merging"
            ? start
            : null;

    public static TimeSpan TimeToStart(JobListRow job, DateTime nowUtc) =>
        TimeToStart(job.CreationTime, job.StartTime, nowUtc);

    public static TimeSpan Duration(JobListRow job, DateTime nowUtc) =>
        Duration(job.JobStatus, job.StartTime, job.EndTime, job.StateChangeTime, job.ModificationTime, nowUtc);

    /// <summary>maxpss (kB) / 1024 / 1024 / actualcorecount, rounded to 2 decimals; null without both values.</summary>
    public static double? MaxPssPerCoreGb(long? maxPssKb, int? actualCoreCount) =>
        maxPssKb is { } pss && actualCoreCount is > 0 and { } cores
            ? Math.Round(pss / 1024.0 / 1024.0 / cores, 2, MidpointRounding.ToEven)
            : null;

    public static string FormatMaxPssPerCore(double? gb) => gb?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    /// <summary>BigPanDA's d:h:mm:ss — days and hours unpadded, minutes and seconds two digits: 0:2:02:09.</summary>
    public static string FormatDhms(TimeSpan span)
    {
        var total = (long)Math.Floor(NotNegative(span).TotalSeconds);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{total / 86400}:{total % 86400 / 3600}:{total % 3600 / 60:00}:{total % 60:00}"
        );
    }

    /// <summary>
    /// The transformation's last path segment: runGen-00-00-02 from http://.../trf/user/runGen-00-00-02.
    /// </summary>
    public static string TransformationName(string? transformation) =>
        transformation is null ? "" : transformation[(transformation.LastIndexOf('/') + 1)..];

    private static TimeSpan NotNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
