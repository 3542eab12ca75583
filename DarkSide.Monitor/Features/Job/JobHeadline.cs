using System.Globalization;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Features.Job;

/// <summary>
/// What an admin opening a failed job wants first: its error (code, description, diagnostic) and what became of the
/// work after it (retried as which job, and how that ended), from the job's own attempts.
/// </summary>
public sealed record JobHeadline(JobErrorDetail? Error, JobAttempt? Retry, string RetryText)
{
    /// <summary>The words before the retry's PandaID: "retried as", "retried 3 times; last as".</summary>
    public string RetryLead { get; init; } = "";

    public static JobHeadline? For(JobDetail detail)
    {
        var job = detail.Job;
        if (
            job.JobStatus is not (PandaJobStatus.Failed or "holding" or "cancelled" or "closed")
            && detail.Errors.Count == 0
        )
        {
            return null;
        }

        var later = detail
            .Attempts.Where(a => a.PandaId != job.PandaId && (a.AttemptNr > job.AttemptNr || a.PandaId > job.PandaId))
            .OrderBy(a => a.AttemptNr)
            .ThenBy(a => a.PandaId)
            .ToList();
        var last = later.LastOrDefault();
        var lead = later.Count == 1 ? "retried as" : $"retried {later.Count} times; last as";
        var text =
            last is not null ? $"{lead} {last.PandaId} (attempt {last.AttemptNr}): {last.JobStatus}"
            : job.JobStatus is not (PandaJobStatus.Failed or "closed" or "cancelled") ? ""
            : job.MaxAttempt > 0 && job.AttemptNr >= job.MaxAttempt
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"not retried: attempt {job.AttemptNr} of {job.MaxAttempt} was the last"
                )
            : job.MaxAttempt > 0
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"not retried (yet): attempt {job.AttemptNr} of {job.MaxAttempt}"
                )
            : "not retried";
        return new JobHeadline(detail.Errors.FirstOrDefault(), last, text) { RetryLead = last is null ? "" : lead };
    }
}
