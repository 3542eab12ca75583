using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Features.Overview;

/// <summary>The overview lists working jobs whose state has not changed for this many hours as stalled. A key of the
/// JobList section, where configurations have always set it.</summary>
public sealed class OverviewOptions
{
    public const string SectionName = "JobList";

    public int StalledHours { get; set; } = 6;
}

/// <summary>Rejects a bad JobList:StalledHours at startup, naming the key and what is expected.</summary>
public sealed class ValidateOverviewOptions : IValidateOptions<OverviewOptions>
{
    public ValidateOptionsResult Validate(string? name, OverviewOptions options) =>
        options.StalledHours >= 1
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"JobList:StalledHours is {options.StalledHours}; expected hours ≥ 1.");
}
