using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>The most jobs (or tasks) one CSV or JSON export returns; a larger selection is cut here and says so. A key
/// of the JobList section, where configurations have always set it.</summary>
public sealed class ExportOptions
{
    public const string SectionName = "JobList";

    public int ExportLimit { get; set; } = 100_000;
}

/// <summary>Rejects a bad JobList:ExportLimit at startup, naming the key and what is expected.</summary>
public sealed class ValidateExportOptions : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options) =>
        options.ExportLimit is >= 1 and <= 10_000_000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"JobList:ExportLimit is {options.ExportLimit}; expected a number of jobs from 1 to 10000000."
            );
}
