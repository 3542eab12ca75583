using System.Text.RegularExpressions;
using DarkSide.Monitor.Panda.Blinding;
using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Rollups;
using DarkSide.Monitor.Store;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Hosting;

/// <summary>
/// Rejects configuration at startup with a message naming the key, the bad value and what is expected.
/// </summary>
public sealed partial class ValidateMonitorOptions
    : IValidateOptions<PandaOptions>,
        IValidateOptions<MonitorStoreOptions>,
        IValidateOptions<BlindingOptions>,
        IValidateOptions<JobListOptions>,
        IValidateOptions<RollupOptions>
{
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SqlIdentifier();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")]
    private static partial Regex RucioScope();

    public ValidateOptionsResult Validate(string? name, PandaOptions options)
    {
        var errors = new List<string>();
        CheckIdentifier(errors, "Panda:Schema", options.Schema);
        CheckIdentifier(errors, "Panda:ArchiveSchema", options.ArchiveSchema);
        if (options.ArchivedRetentionDays < 1)
        {
            errors.Add(
                $"Panda:ArchivedRetentionDays is {options.ArchivedRetentionDays}; expected a whole number of days ≥ 1."
            );
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, MonitorStoreOptions options)
    {
        var errors = new List<string>();
        CheckIdentifier(errors, "MonitorStore:Schema", options.Schema);
        MonitorKeyRingExtensions
            .LoadCertificate(options.KeyRingCertificatePath, options.KeyRingKeyPath, out var problem)
            ?.Dispose();
        if (problem is not null)
        {
            errors.Add(problem);
        }

        return Result(errors);
    }

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

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, JobListOptions options)
    {
        var errors = new List<string>();
        if (options.DefaultHours < 1)
        {
            errors.Add($"JobList:DefaultHours is {options.DefaultHours}; expected hours ≥ 1.");
        }

        if (
            options.MaxDisplayLimit < 1
            || options.DefaultDisplayLimit < 1
            || options.DefaultDisplayLimit > options.MaxDisplayLimit
        )
        {
            errors.Add(
                $"JobList:DefaultDisplayLimit ({options.DefaultDisplayLimit}) and JobList:MaxDisplayLimit "
                    + $"({options.MaxDisplayLimit}) must be ≥ 1 with the default not above the maximum."
            );
        }

        if (options.ExactCountTimeoutMs < 1)
        {
            errors.Add($"JobList:ExactCountTimeoutMs is {options.ExactCountTimeoutMs}; expected milliseconds ≥ 1.");
        }

        if (options.ErrorsDefaultHours < 1)
        {
            errors.Add($"JobList:ErrorsDefaultHours is {options.ErrorsDefaultHours}; expected hours ≥ 1.");
        }

        if (options.StalledHours < 1)
        {
            errors.Add($"JobList:StalledHours is {options.StalledHours}; expected hours ≥ 1.");
        }

        if (options.RefreshSeconds is < 1 or > 3600)
        {
            errors.Add($"JobList:RefreshSeconds is {options.RefreshSeconds}; expected seconds from 1 to 3600.");
        }

        if (options.ExportLimit is < 1 or > 10_000_000)
        {
            errors.Add($"JobList:ExportLimit is {options.ExportLimit}; expected a number of jobs from 1 to 10000000.");
        }

        return Result(errors);
    }

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

        return Result(errors);
    }

    private static void CheckIdentifier(List<string> errors, string key, string? value)
    {
        if (!SqlIdentifier().IsMatch(value ?? ""))
        {
            errors.Add($"{key} is '{value}'; expected a lower-case PostgreSQL schema name (letters, digits, '_').");
        }
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
