using ArchUnitNET.Loader;

namespace DarkSide.Monitor.Tests.Unit.Architecture;

/// <summary>
/// Which of the dashboard's namespaces uses which, read from its compiled code (every type a type's fields, signatures
/// and method bodies name), grouped into units: <c>Panda.Db</c>, <c>Features.JobList</c>, <c>Identity</c>, …
/// </summary>
public sealed class NamespaceGraph
{
    private const string Root = "DarkSide.Monitor";

    public static readonly Lazy<NamespaceGraph> Dashboard = new(() =>
        new NamespaceGraph(
            new ArchLoader().LoadAssemblies(typeof(DarkSide.Monitor.Hosting.MonitorCommandLine).Assembly).Build()
        )
    );

    public NamespaceGraph(ArchUnitNET.Domain.Architecture architecture)
    {
        Architecture = architecture;
        foreach (var type in architecture.Types)
        {
            if (type.Namespace?.FullName is not { } ns || Unit(ns) is not { } from)
            {
                continue;
            }

            var targets = Edges.TryGetValue(from, out var existing) ? existing : Edges[from] = [];
            foreach (var dependency in type.Dependencies)
            {
                // A generic parameter (T) is not a type of any namespace, though ArchUnitNET files it under one.
                if (
                    dependency.Target is not ArchUnitNET.Domain.GenericParameter
                    && dependency.Target?.Namespace?.FullName is { } name
                    && Unit(name) is { } to
                    && to != from
                )
                {
                    targets.Add(to);
                    var key = (from, to);
                    var pairs = Reasons.TryGetValue(key, out var found) ? found : Reasons[key] = [];
                    pairs.Add(type.Name + " uses " + dependency.Target.Name);
                }
            }
        }
    }

    public ArchUnitNET.Domain.Architecture Architecture { get; }

    /// <summary>For each edge, which type uses which.</summary>
    public Dictionary<(string From, string To), SortedSet<string>> Reasons { get; } = [];

    /// <summary>Unit → the units it uses.</summary>
    public SortedDictionary<string, SortedSet<string>> Edges { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The unit of a namespace: the first segment under DarkSide.Monitor, two for the layered folders (Panda.Db,
    /// Features.JobList, Web.Live); null outside the dashboard.
    /// </summary>
    public static string? Unit(string ns)
    {
        if (ns != Root && !ns.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = ns == Root ? [] : ns[(Root.Length + 1)..].Split('.');
        return parts switch
        {
            [] => "(root)",
            ["Panda" or "Features" or "Web", var second, ..] => parts[0] + "." + second,
            _ => parts[0],
        };
    }

    /// <summary>Groups of units that use each other in a circle (Tarjan's strongly connected components).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string unit)
        {
            index[unit] = low[unit] = index.Count;
            stack.Push(unit);
            onStack.Add(unit);
            foreach (var next in Edges.GetValueOrDefault(unit) ?? [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[unit] = Math.Min(low[unit], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[unit] = Math.Min(low[unit], index[next]);
                }
            }

            if (low[unit] == index[unit])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                } while (member != unit);

                if (component.Count > 1)
                {
                    cycles.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var unit in Edges.Keys.Where(u => !index.ContainsKey(u)))
        {
            Visit(unit);
        }

        return cycles;
    }

    public string Explain() =>
        string.Join(
            '\n',
            Reasons
                .OrderBy(r => r.Key.From, StringComparer.Ordinal)
                .ThenBy(r => r.Key.To, StringComparer.Ordinal)
                .Select(r => $"{r.Key.From} -> {r.Key.To}: {string.Join("; ", r.Value)}")
        );

    public string Describe() =>
        string.Join(
            '\n',
            Edges.Select(e => $"{e.Key} -> {(e.Value.Count == 0 ? "(nothing)" : string.Join(", ", e.Value))}")
        )
        + "\ncycles: "
        + (Cycles() is { Count: > 0 } cycles ? string.Join("; ", cycles.Select(c => string.Join(" <-> ", c))) : "none");
}
