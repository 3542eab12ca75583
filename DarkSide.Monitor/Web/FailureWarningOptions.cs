using System.Globalization;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Web;

/// <summary>
/// From which failure % (failed / (finished + failed)) a site, user or task is marked as failing, on every page that
/// shows one. A key of the JobList section, beside the overview's other thresholds.
/// </summary>
public sealed class FailureWarningOptions
{
    public const string SectionName = "JobList";

    public double FailureWarningPercent { get; set; } = 20;

    public string Text => FailureWarningPercent.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public bool IsFailing(double? percent) => percent >= FailureWarningPercent;
}

/// <summary>Rejects a bad JobList:FailureWarningPercent at startup, naming the key and what is expected.</summary>
public sealed class ValidateFailureWarningOptions : IValidateOptions<FailureWarningOptions>
{
    public ValidateOptionsResult Validate(string? name, FailureWarningOptions options) =>
        options.FailureWarningPercent is > 0 and <= 100
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "JobList:FailureWarningPercent is "
                    + options.FailureWarningPercent.ToString(CultureInfo.InvariantCulture)
                    + "; expected a percentage above 0 and at most 100."
            );
}
