using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Web.Live;

/// <summary>Seconds between the end of one live refresh of a job list and the start of the next (the error, task and
/// overview pages wait at least their floors in LiveIntervals). A key of the JobList section, where configurations have
/// always set it.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "JobList";

    public int RefreshSeconds { get; set; } = 5;
}

/// <summary>Rejects a bad JobList:RefreshSeconds at startup, naming the key and what is expected.</summary>
public sealed class ValidateLiveOptions : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options) =>
        options.RefreshSeconds is >= 1 and <= 3600
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"JobList:RefreshSeconds is {options.RefreshSeconds}; expected seconds from 1 to 3600."
            );
}
