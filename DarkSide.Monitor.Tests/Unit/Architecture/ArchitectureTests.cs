using Xunit.Abstractions;

namespace DarkSide.Monitor.Tests.Unit.Architecture;

/// <summary>
/// The dashboard's namespaces depend one way (LayerRules) and in no circle; scripts/namespace-graph.sh prints the
/// graph (DARKSIDE_GRAPH_DETAIL=1 adds which type uses which).
/// </summary>
[Trait("Kind", "Unit")]
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    private static NamespaceGraph Graph => NamespaceGraph.Dashboard.Value;

    [Fact]
    public void PrintsTheNamespaceGraph()
    {
        var text = Graph.Describe();
        output.WriteLine(text);
        if (Environment.GetEnvironmentVariable("DARKSIDE_GRAPH_DETAIL") == "1")
        {
            output.WriteLine("which type uses which:\n" + Graph.Explain());
        }

        Assert.Contains("Hosting -> ", text, StringComparison.Ordinal);
        Assert.True(Graph.Edges.Count >= 20, "the graph reads every layer: " + string.Join(", ", Graph.Edges.Keys));
    }

    [Fact]
    public void NoNamespaceUsesAnotherThatUsesItBack()
    {
        Assert.Empty(Graph.Cycles().Select(c => string.Join(" <-> ", c)));
    }

    [Fact]
    public void EveryDependencyPointsDownTheLayers()
    {
        Assert.Empty(LayerRules.Violations(Graph.Edges));
    }

    [Theory]
    [InlineData("Panda.JobTables", "Web.Live")]
    [InlineData("Panda.Db", "Panda.JobTables")]
    [InlineData("Features.Tasks", "Features.JobList")]
    [InlineData("Web.Controls", "Features.Usage")]
    [InlineData("Identity", "Web")]
    [InlineData("Rollups", "Features.Usage")]
    [InlineData("Features.Usage", "Hosting")]
    public void ABackReference_WouldFailTheRule(string from, string to)
    {
        var edges = Graph.Edges.ToDictionary(e => e.Key, e => new SortedSet<string>(e.Value, StringComparer.Ordinal));
        edges[from] = new SortedSet<string>(edges.GetValueOrDefault(from) ?? [], StringComparer.Ordinal) { to };

        Assert.Contains(LayerRules.Violations(edges), v => v.StartsWith($"{from} -> {to}:", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDashboardHoldsNoDemoCode_AndNoPandaDdl()
    {
        var dashboard = typeof(Monitor.Hosting.MonitorCommandLine).Assembly;

        Assert.DoesNotContain(
            dashboard.GetTypes(),
            t => t.Namespace?.Contains(".Demo", StringComparison.Ordinal) == true
        );
        Assert.DoesNotContain(
            dashboard.GetManifestResourceNames(),
            n => n.StartsWith("panda/", StringComparison.Ordinal)
        );
        Assert.Contains(dashboard.GetManifestResourceNames(), n => n.StartsWith("monitor/", StringComparison.Ordinal));
        Assert.Contains(
            typeof(Monitor.Demo.PandaSchemaInstaller).Assembly.GetManifestResourceNames(),
            n => n == "panda/01_job_and_jedi_tables.sql"
        );
        Assert.DoesNotContain(dashboard.GetReferencedAssemblies(), a => a.Name == "DarkSide.Monitor.Demo");
    }
}
