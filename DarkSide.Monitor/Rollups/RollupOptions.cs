using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Rollups;

/// <summary>
/// The usage rollups: how often the aggregator runs, how far back it re-reads, and how much history it builds.
/// </summary>
public sealed class RollupOptions
{
    public const string SectionName = "Rollups";

    /// <summary>
    /// Run the aggregator in this process (off for a second web instance when one already aggregates).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between the end of one aggregation and the start of the next.</summary>
    public int IntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Each run recomputes the hours from this many minutes before the watermark, to catch late updates.
    /// </summary>
    public int OverlapMinutes { get; set; } = 120;

    /// <summary>The first start aggregates this many days of jobsarchived4 (PanDA keeps 365 there).</summary>
    public int BackfillDays { get; set; } = 365;

    /// <summary>
    /// Readiness reports "Degraded" when the rollups' watermark is older than this (0: not checked).
    /// </summary>
    public int StaleAfterMinutes { get; set; } = 30;
}

/// <summary>Rejects bad Rollup settings at startup, naming the key and what is expected.</summary>
public sealed class ValidateRollupOptions : IValidateOptions<RollupOptions>
{
    public ValidateOptionsResult Validate(string? name, RollupOptions options)
    {
        var errors = new List<string>();
        if (options.IntervalSeconds is < 5 or > 3600)
        {
            errors.Add($"Rollups:IntervalSeconds is {options.IntervalSeconds}; expected seconds from 5 to 3600.");
        }

        if (options.StaleAfterMinutes is < 0 or > 10_080)
        {
            errors.Add(
                $"Rollups:StaleAfterMinutes is {options.StaleAfterMinutes}; expected minutes from 0 (not checked) "
                    + "to 10080 (a week)."
            );
        }

        if (options.OverlapMinutes is < 0 or > 10_080)
        {
            errors.Add(
                $"Rollups:OverlapMinutes is {options.OverlapMinutes}; expected minutes from 0 to 10080 (a week)."
            );
        }

        if (options.BackfillDays is < 1 or > 3650)
        {
            errors.Add($"Rollups:BackfillDays is {options.BackfillDays}; expected days from 1 to 3650.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
