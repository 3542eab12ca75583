using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Web.Query;

/// <summary>The error view's window when the URL gives none (BigPanDA uses 6 h; DarkSide's shifts review a day). A key
/// of the JobList section, where configurations have always set it.</summary>
public sealed class ErrorViewOptions
{
    public const string SectionName = "JobList";

    public int ErrorsDefaultHours { get; set; } = 24;
}

/// <summary>Rejects a bad JobList:ErrorsDefaultHours at startup, naming the key and what is expected.</summary>
public sealed class ValidateErrorViewOptions : IValidateOptions<ErrorViewOptions>
{
    public ValidateOptionsResult Validate(string? name, ErrorViewOptions options) =>
        options.ErrorsDefaultHours >= 1
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"JobList:ErrorsDefaultHours is {options.ErrorsDefaultHours}; expected hours ≥ 1."
            );
}
