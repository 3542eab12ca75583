using Microsoft.Extensions.Options;
using Npgsql;

namespace DarkSide.Monitor.Panda.Db;

/// <summary>
/// ConnectionStrings:Panda (read-only role on PanDA's schemas) and ConnectionStrings:Monitor (owns the monitor's
/// schema).
/// </summary>
public sealed class ConnectionOptions
{
    public const string SectionName = "ConnectionStrings";

    public string? Panda { get; set; }

    public string? Monitor { get; set; }
}

public sealed class ValidateConnectionOptions : IValidateOptions<ConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionOptions options)
    {
        var errors = new List<string>();
        Check(
            errors,
            "ConnectionStrings:Panda",
            options.Panda,
            "a PostgreSQL connection string for a role that can read PanDA's schemas",
            "panda_reader"
        );
        Check(
            errors,
            "ConnectionStrings:Monitor",
            options.Monitor,
            "a PostgreSQL connection string for the role that owns the monitor's schema (it may be the same database)",
            "monitor"
        );
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string key, string? value, string expected, string exampleRole)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(
                $"{key} is not set; expected {expected}, e.g. Host=db.example;Database=panda_db;Username={exampleRole}."
            );
            return;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            errors.Add(
                $"{key} is not a valid PostgreSQL connection string ({e.Message}); expected Key=Value pairs "
                    + $"such as Host=...;Database=...;Username=...."
            );
        }
    }
}
