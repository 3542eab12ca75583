namespace DarkSide.Monitor.Tests.Unit.Architecture;

/// <summary>
/// One way to put a value into SQL: SqlParameterBag (generated placeholders for built statements, named values for
/// fixed ones). A value added to a command by hand is the kind of code that ends up concatenated into SQL one day.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class DataAccessStyleTests
{
    private static string SourceRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Monitor.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(
            directory?.FullName ?? throw new InvalidOperationException("no Monitor.sln above the tests"),
            "DarkSide.Monitor"
        );
    }

    [Fact]
    public void NoStatementGetsItsValuesOutsideSqlParameterBag()
    {
        var files = Directory
            .EnumerateFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
            .Where(f =>
                !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)
            )
            .ToList();
        Assert.True(files.Count > 100, "the dashboard's sources were found");

        var offenders = files
            .Where(f => !f.EndsWith("SqlParameterBag.cs", StringComparison.Ordinal))
            .Where(f =>
                File.ReadAllText(f) is var text
                && (
                    text.Contains("AddWithValue(", StringComparison.Ordinal)
                    || text.Contains(".Parameters.Add(", StringComparison.Ordinal)
                )
            )
            .Select(Path.GetFileName);

        Assert.Empty(offenders);
    }
}
