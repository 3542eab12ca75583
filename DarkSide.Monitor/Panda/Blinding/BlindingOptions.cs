using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Panda.Blinding;

/// <summary>Which Rucio scopes hold blind data. A job is blind when its task or its own datasets are in one.</summary>
public sealed class BlindingOptions
{
    public const string SectionName = "Blinding";

    public string[] BlindScopes { get; set; } = ["blind"];
}

/// <summary>Rejects bad Blinding settings at startup, naming the key and what is expected.</summary>
public sealed partial class ValidateBlindingOptions : IValidateOptions<BlindingOptions>
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")]
    private static partial Regex RucioScope();

    public ValidateOptionsResult Validate(string? name, BlindingOptions options)
    {
        var errors = new List<string>();
        if (options.BlindScopes.Length == 0)
        {
            errors.Add("Blinding:BlindScopes is empty; expected at least one Rucio scope (default: blind).");
        }

        foreach (var scope in options.BlindScopes)
        {
            if (!RucioScope().IsMatch(scope ?? ""))
            {
                errors.Add(
                    $"Blinding:BlindScopes has '{scope}'; expected a Rucio scope name (letters, digits, '.', '_', '-')."
                );
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
