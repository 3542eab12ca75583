using System.Reflection;

namespace DarkSide.Monitor.Data;

/// <summary>SQL scripts embedded in the assembly (Data/Sql/**), with the configured schema names filled in.</summary>
public static class SqlResources
{
    private static readonly Assembly Assembly = typeof(SqlResources).Assembly;

    public static IEnumerable<string> Names(string folder) =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(folder + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static string Read(string name, IReadOnlyDictionary<string, string> schemas)
    {
        using var stream = Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Missing SQL resource {name}.");
        using var reader = new StreamReader(stream);
        var sql = reader.ReadToEnd();
        foreach (var (placeholder, schema) in schemas)
        {
            sql = sql.Replace("{" + placeholder + "}", schema, StringComparison.Ordinal);
        }

        return sql;
    }
}
