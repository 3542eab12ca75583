using Xunit.Abstractions;

namespace DarkSide.Monitor.Tests.Architecture;

/// <summary>The dashboard's namespaces depend one way; scripts/namespace-graph.sh prints the graph.</summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    private static NamespaceGraph Graph => NamespaceGraph.Dashboard.Value;

    [Fact]
    public void PrintsTheNamespaceGraph()
    {
        var text = Graph.Describe();
        output.WriteLine(text);

        Assert.Contains("Hosting -> ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoNamespaceUsesAnotherThatUsesItBack()
    {
        Assert.Empty(Graph.Cycles().Select(c => string.Join(" <-> ", c)));
    }
}
