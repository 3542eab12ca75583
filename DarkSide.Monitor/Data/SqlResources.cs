using System.Reflection;

namespace DarkSide.Monitor.Data;

/// <summary>
/// SQL scripts embedded in an assembly (the monitor's migrations here, PanDA's DDL in the demo tools), with the
/// configured schema names filled in.
/// </summary>
public sealed class SqlResources(Assembly assembly)
{
    public static readonly SqlResources Monitor = new(typeof(SqlResources).Assembly);

    public IEnumerable<string> Names(string folder) =>
        assembly
            .GetManifestResourceNames()
            .Where(n => n.StartsWith(folder + "/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public string Read(string name, IReadOnlyDictionary<string, string> schemas)
    {
        using var stream =
            assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Missing SQL resource {name}.");
        using var reader = new StreamReader(stream);
        var sql = reader.ReadToEnd();
        foreach (var (placeholder, schema) in schemas)
        {
            sql = sql.Replace("{" + placeholder + "}", schema, StringComparison.Ordinal);
        }

        return sql;
    }
}
