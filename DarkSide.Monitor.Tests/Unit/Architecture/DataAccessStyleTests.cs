using System.Text.RegularExpressions;

namespace DarkSide.Monitor.Tests.Unit.Architecture;

/// <summary>
/// One way to put a value into SQL: SqlParameterBag (generated placeholders for built statements, named values for
/// fixed ones). A value added to a command by hand is the kind of code that ends up concatenated into SQL one day.
/// </summary>
[Trait("Kind", "Unit")]
public sealed partial class DataAccessStyleTests
{
    /// <summary>Every way to give a command a value by hand: AddWithValue, Parameters.Add(Range), a collection
    /// initializer on Parameters, or a parameter built directly.</summary>
    [GeneratedRegex(
        @"\bAddWithValue\s*\(|\.Parameters\s*\.\s*Add(Range)?\s*\(|\bParameters\s*=\s*\{|new\s+NpgsqlParameter\b"
    )]
    private static partial Regex ValueByHand();

    [Theory]
    [InlineData("command.Parameters.AddWithValue(\"id\", id);")]
    [InlineData("command.Parameters.Add(new NpgsqlParameter(\"id\", id));")]
    [InlineData("command.Parameters .AddRange(list);")]
    [InlineData("var c = new NpgsqlCommand(sql) { Parameters = { new() { Value = id } } };")]
    [InlineData("var p = new NpgsqlParameter<long>(\"id\", id);")]
    public void TheRule_CatchesEachWayOfAddingAValueByHand(string line)
    {
        Assert.Matches(ValueByHand(), line);
    }

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
            .Where(f => ValueByHand().IsMatch(File.ReadAllText(f)))
            .Select(Path.GetFileName);

        Assert.Empty(offenders);
    }
}
