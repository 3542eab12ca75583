using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Panda.Query;

/// <summary>Limits of the job list. Defaults follow BigPanDA on panda-doma (a 7-day window, 100 rows a page).</summary>
public sealed class JobListOptions
{
    public const string SectionName = "JobList";

    public int DefaultHours { get; set; } = 168;

    public int DefaultDisplayLimit { get; set; } = 100;

    public int MaxDisplayLimit { get; set; } = 1000;

    /// <summary>Above this planner estimate the total is shown as an estimate instead of counted.</summary>
    public long ExactCountThreshold { get; set; } = 300_000;

    /// <summary>An exact count that takes longer than this falls back to the planner's estimate.</summary>
    public int ExactCountTimeoutMs { get; set; } = 3000;

    /// <summary>
    /// The error view's window when the URL gives none (BigPanDA uses 6 h; DarkSide's shifts review a day).
    /// </summary>
    public int ErrorsDefaultHours { get; set; } = 24;

    /// <summary>The overview lists working jobs whose state has not changed for this many hours as stalled.</summary>
    public int StalledHours { get; set; } = 6;

    /// <summary>Seconds between the end of one live refresh of a job list and the start of the next.</summary>
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>The most jobs one CSV or JSON export returns; a larger selection is cut here and says so.</summary>
    public int ExportLimit { get; set; } = 100_000;
}

/// <summary>Rejects bad JobList settings at startup, naming the key and what is expected.</summary>
public sealed class ValidateJobListOptions : IValidateOptions<JobListOptions>
{
    public ValidateOptionsResult Validate(string? name, JobListOptions options)
    {
        var errors = new List<string>();
        if (options.DefaultHours < 1)
        {
            errors.Add($"JobList:DefaultHours is {options.DefaultHours}; expected hours ≥ 1.");
        }

        if (
            options.MaxDisplayLimit < 1
            || options.DefaultDisplayLimit < 1
            || options.DefaultDisplayLimit > options.MaxDisplayLimit
        )
        {
            errors.Add(
                $"JobList:DefaultDisplayLimit ({options.DefaultDisplayLimit}) and JobList:MaxDisplayLimit "
                    + $"({options.MaxDisplayLimit}) must be ≥ 1 with the default not above the maximum."
            );
        }

        if (options.ExactCountTimeoutMs < 1)
        {
            errors.Add($"JobList:ExactCountTimeoutMs is {options.ExactCountTimeoutMs}; expected milliseconds ≥ 1.");
        }

        if (options.ErrorsDefaultHours < 1)
        {
            errors.Add($"JobList:ErrorsDefaultHours is {options.ErrorsDefaultHours}; expected hours ≥ 1.");
        }

        if (options.StalledHours < 1)
        {
            errors.Add($"JobList:StalledHours is {options.StalledHours}; expected hours ≥ 1.");
        }

        if (options.RefreshSeconds is < 1 or > 3600)
        {
            errors.Add($"JobList:RefreshSeconds is {options.RefreshSeconds}; expected seconds from 1 to 3600.");
        }

        if (options.ExportLimit is < 1 or > 10_000_000)
        {
            errors.Add($"JobList:ExportLimit is {options.ExportLimit}; expected a number of jobs from 1 to 10000000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
