using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Panda.Query;

/// <summary>
/// Limits of the job list: its window, its pages and when it counts. Defaults follow BigPanDA on panda-doma (a 7-day
/// window, 100 rows a page). The other JobList keys belong to their concerns (LiveOptions, ExportOptions,
/// ErrorViewOptions), bound from the same section.
/// </summary>
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
    /// Working jobs whose state has not changed for this many hours are stalled (the overview lists them, an alert
    /// rule counts them per site).
    /// </summary>
    public int StalledHours { get; set; } = 6;
}

/// <summary>Rejects bad JobList settings at startup, naming the key and what is expected.</summary>
public sealed class ValidateJobListOptions : IValidateOptions<JobListOptions>
{
    public ValidateOptionsResult Validate(string? name, JobListOptions options)
    {
        var errors = new List<string>();
        if (options.StalledHours < 1)
        {
            errors.Add($"JobList:StalledHours is {options.StalledHours}; expected hours ≥ 1.");
        }

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

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
