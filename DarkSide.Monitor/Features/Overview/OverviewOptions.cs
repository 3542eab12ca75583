using System.Globalization;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>
/// The overview's settings, keys of the JobList section (where configurations have always set StalledHours): when a
/// working job counts as stalled, and from which failure % a site is marked as failing.
/// </summary>
public sealed class OverviewOptions
{
    public const string SectionName = "JobList";

    public int StalledHours { get; set; } = 6;

    /// <summary>A site whose failed / (finished + failed) in the window reaches this percentage is marked.</summary>
    public double FailureWarningPercent { get; set; } = 20;

    public string FailureWarningText => FailureWarningPercent.ToString("0.#", CultureInfo.InvariantCulture) + " %";
}

/// <summary>Rejects bad overview settings at startup, naming the key and what is expected.</summary>
public sealed class ValidateOverviewOptions : IValidateOptions<OverviewOptions>
{
    public ValidateOptionsResult Validate(string? name, OverviewOptions options)
    {
        var errors = new List<string>();
        if (options.StalledHours < 1)
        {
            errors.Add($"JobList:StalledHours is {options.StalledHours}; expected hours ≥ 1.");
        }

        if (!(options.FailureWarningPercent is > 0 and <= 100))
        {
            errors.Add(
                $"JobList:FailureWarningPercent is {options.FailureWarningPercent.ToString(CultureInfo.InvariantCulture)}"
                    + "; expected a percentage above 0 and at most 100."
            );
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
