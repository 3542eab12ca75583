using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// Rejects IAM settings that would lock everyone out or trust the wrong issuer, naming the key and what is expected.
/// The development IAM (plain HTTP on loopback) and the no-login development viewer are trusted only in Development.
/// </summary>
public sealed partial class ValidateIamOptions(IHostEnvironment environment) : IValidateOptions<IamOptions>
{
    [GeneratedRegex("^(/[A-Za-z0-9][A-Za-z0-9_.-]*)+$")]
    private static partial Regex GroupPath();

    public ValidateOptionsResult Validate(string? name, IamOptions options)
    {
        var errors = new List<string>();
        var development = environment.IsDevelopment();
        if (options.Mode == SignInMode.DevelopmentViewer)
        {
            if (!development)
            {
                errors.Add(
                    $"Iam:Mode is DevelopmentViewer, which signs nobody in; it is allowed only with "
                        + $"ASPNETCORE_ENVIRONMENT=Development (now '{environment.EnvironmentName}'). Use Iam:Mode=Iam."
                );
            }

            return Result(errors);
        }

        CheckServer(options, development, errors);
        CheckClient(options, errors);
        CheckGroups(options, errors);
        if (options.RevalidationSeconds is < 5 or > 3600)
        {
            errors.Add($"Iam:RevalidationSeconds is {options.RevalidationSeconds}; expected seconds from 5 to 3600.");
        }

        return Result(errors);
    }

    /// <summary>IAM itself: its issuer URL, and HTTPS everywhere outside Development.</summary>
    private static void CheckServer(IamOptions options, bool development, List<string> errors)
    {
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority))
        {
            errors.Add(
                $"Iam:Authority is '{options.Authority}'; expected IAM's issuer URL exactly as its discovery "
                    + $"document publishes it, e.g. https://vo.darkside.org/."
            );
        }
        else if (!development && (authority.Scheme != Uri.UriSchemeHttps || authority.IsLoopback))
        {
            errors.Add(
                $"Iam:Authority '{options.Authority}' is a development IAM (plain HTTP or loopback); it is "
                    + $"trusted only with ASPNETCORE_ENVIRONMENT=Development. Use the experiment's IAM over HTTPS."
            );
        }

        if (!development && !options.RequireHttpsMetadata)
        {
            errors.Add(
                "Iam:RequireHttpsMetadata is false; only the development IAM may be fetched over plain HTTP, in "
                    + "Development."
            );
        }
    }

    /// <summary>The monitor's client registration in IAM.</summary>
    private static void CheckClient(IamOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add(
                "Iam:ClientId and Iam:ClientSecret must be set; expected the monitor's client registration in "
                    + "IAM (secret from the environment, e.g. Iam__ClientSecret)."
            );
        }

        if (!options.Scopes.Contains("openid"))
        {
            errors.Add(
                $"Iam:Scopes is [{string.Join(", ", options.Scopes)}]; expected at least openid (and the group "
                    + $"scopes of the client's profile)."
            );
        }
    }

    /// <summary>The groups that grant access, in the WLCG path form, and the AARC prefix they map from.</summary>
    private static void CheckGroups(IamOptions options, List<string> errors)
    {
        if (options.MemberGroups.Length == 0)
        {
            errors.Add("Iam:MemberGroups is empty; expected at least the VO group, e.g. /darkside.");
        }

        foreach (
            var group in options
                .MemberGroups.Concat(options.BlindGroups)
                .Concat(options.AdminGroups)
                .Concat(options.ShifterGroups)
                .Append(options.VoGroup)
        )
        {
            if (!GroupPath().IsMatch(group ?? ""))
            {
                errors.Add(
                    $"Iam group '{group}' is not a group path; expected the WLCG form /darkside/blind (a "
                        + $"leading '/', names of letters, digits, '_', '.', '-')."
                );
            }
        }

        if (
            options.AarcEntitlementPrefix.Length > 0
            && !options.AarcEntitlementPrefix.EndsWith(":group:", StringComparison.Ordinal)
        )
        {
            errors.Add(
                $"Iam:AarcEntitlementPrefix is '{options.AarcEntitlementPrefix}'; expected a URN ending in "
                    + $"':group:', e.g. urn:geant:vo.darkside.org:group:."
            );
        }
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
