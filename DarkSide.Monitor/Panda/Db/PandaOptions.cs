using DarkSide.Monitor.Data;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Panda.Db;

/// <summary>
/// Where PanDA's tables live. Schema names are spliced into SQL, so validation allows plain identifiers only.
/// </summary>
public sealed class PandaOptions
{
    public const string SectionName = "Panda";

    /// <summary>Schema of the live PanDA and JEDI tables (jobsactive4, jedi_tasks, ...).</summary>
    public string Schema { get; set; } = "doma_panda";

    /// <summary>Schema of the long-term archive table <c>jobsarchived</c>.</summary>
    public string ArchiveSchema { get; set; } = "doma_pandaarch";

    /// <summary>
    /// How long jobsarchived4 keeps jobs (pg_partman retention); older windows also read the archive schema.
    /// </summary>
    public int ArchivedRetentionDays { get; set; } = 365;
}

/// <summary>Rejects bad Panda settings at startup, naming the key and what is expected.</summary>
public sealed class ValidatePandaOptions : IValidateOptions<PandaOptions>
{
    public ValidateOptionsResult Validate(string? name, PandaOptions options)
    {
        var errors = new List<string>();
        SqlIdentifiers.CheckSchemaName(errors, "Panda:Schema", options.Schema);
        SqlIdentifiers.CheckSchemaName(errors, "Panda:ArchiveSchema", options.ArchiveSchema);
        if (options.ArchivedRetentionDays < 1)
        {
            errors.Add(
                $"Panda:ArchivedRetentionDays is {options.ArchivedRetentionDays}; expected a whole number of days ≥ 1."
            );
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
