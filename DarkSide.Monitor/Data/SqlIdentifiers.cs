using System.Text.RegularExpressions;

namespace DarkSide.Monitor.Data;

/// <summary>Schema names are spliced into SQL: configuration may give plain lower-case identifiers only.</summary>
public static partial class SqlIdentifiers
{
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SqlIdentifier();

    /// <summary>Adds a message naming the key when <paramref name="value"/> is not a plain schema name.</summary>
    public static void CheckSchemaName(List<string> errors, string key, string? value)
    {
        if (!SqlIdentifier().IsMatch(value ?? ""))
        {
            errors.Add($"{key} is '{value}'; expected a lower-case PostgreSQL schema name (letters, digits, '_').");
        }
    }
}
