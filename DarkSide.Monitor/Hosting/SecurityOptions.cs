using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Hosting;

/// <summary>Which browser origins besides the monitor's own may open its live circuit or send it a form.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Origins such as https://monitor.darkside.example, e.g. the public address when a proxy changes the host the
    /// app sees. The monitor's own origin (as it sees the request) is always allowed.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Exports and API answers one user may fetch per minute.</summary>
    public int ExportsPerMinute { get; set; } = 60;
}

public sealed class ValidateSecurityOptions : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = options
            .AllowedOrigins.Where(o =>
                !Uri.TryCreate(o, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https")
                || uri.GetLeftPart(UriPartial.Authority) != o.TrimEnd('/')
            )
            .Select(o =>
                $"Security:AllowedOrigins has '{o}'; expected an origin such as "
                + $"https://monitor.darkside.example "
                + "(scheme and host, no path)."
            )
            .ToList();
        if (options.ExportsPerMinute is < 1 or > 100_000)
        {
            errors.Add(
                $"Security:ExportsPerMinute is {options.ExportsPerMinute}; expected a whole number from 1 to 100000."
            );
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
