namespace DarkSide.Monitor.Tests.Unit.Architecture;

/// <summary>
/// The dashboard's dependency rule, as data: features → web shell → identity and auditing → PanDA core → Data (the
/// SQL plumbing every store shares).
/// Hosting wires everything and nothing uses it; a feature never uses another feature (links go through Web's
/// MonitorUrls).
/// </summary>
public static class LayerRules
{
    private static readonly string[] Core =
    [
        "Panda.",
        "Store",
        "Rollups",
        "Auditing",
        "Identity",
        "Telemetry",
        "Data",
        "Configuration",
    ];

    /// <summary>Each edge of <paramref name="edges"/> that breaks the rule, with why.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, SortedSet<string>> edges)
    {
        var violations = new List<string>();
        foreach (var (from, targets) in edges)
        {
            foreach (var to in targets)
            {
                if (Why(from, to) is { } why)
                {
                    violations.Add($"{from} -> {to}: {why}");
                }
            }
        }

        return violations;
    }

    private static string? Why(string from, string to)
    {
        static bool Is(string unit, string layer) =>
            layer.EndsWith('.') ? unit.StartsWith(layer, StringComparison.Ordinal) : unit == layer;

        if (to == "Hosting")
        {
            return "only the entry point uses Hosting";
        }

        if (Is(from, "Data") || Is(from, "Configuration"))
        {
            return $"{from} is the bottom: it uses nothing of the monitor";
        }

        if (Is(from, "Panda.") && !Is(to, "Panda.") && to != "Data")
        {
            return "the PanDA core uses nothing but itself and Data";
        }

        if (Is(from, "Features.") && Is(to, "Features."))
        {
            return "a feature never uses another feature; link through Web's MonitorUrls";
        }

        if (Is(from, "Web") || Is(from, "Web."))
        {
            return Is(to, "Features.") ? "the web shell never uses a feature" : null;
        }

        if (Core.Any(layer => Is(from, layer)) && (Is(to, "Features.") || Is(to, "Web") || Is(to, "Web.")))
        {
            return "the core never uses the web shell or a feature";
        }

        if (Is(from, "Store") && to != "Data")
        {
            return "the monitor's store uses only Data";
        }

        return Is(from, "Panda.Db") && to is not ("Panda.Db" or "Data") ? "Panda.Db uses only Data" : null;
    }
}
