using System.Reflection;
using DarkSide.Monitor.Panda.Query;
using DarkSide.Monitor.Panda.Tasks;
using DarkSide.Monitor.Web.Query;

namespace DarkSide.Monitor.Tests.Unit.Architecture;

/// <summary>
/// The PanDA core takes typed queries only: it reads no request and names no URL parameter of its own. Attribute
/// names (pandaid, computingsite, status, ...) are PanDA's vocabulary and stay; the window, paging, order and view
/// switches belong to the web layer's parsers.
/// </summary>
[Trait("Kind", "Unit")]
public sealed class PandaNamesNoUrlTests
{
    private const BindingFlags All =
        BindingFlags.Public
        | BindingFlags.NonPublic
        | BindingFlags.Instance
        | BindingFlags.Static
        | BindingFlags.DeclaredOnly;

    private static readonly Assembly Dashboard = typeof(Monitor.Hosting.MonitorCommandLine).Assembly;

    private static IEnumerable<Type> PandaTypes =>
        Dashboard
            .GetTypes()
            .Where(t => t.Namespace?.StartsWith("DarkSide.Monitor.Panda", StringComparison.Ordinal) == true);

    /// <summary>Every UrlParameter name that is not a job or task attribute.</summary>
    public static readonly IReadOnlySet<string> ViewParameters = typeof(UrlParameter)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .Except(JobFields.All.Concat(TaskFields.All).Select(f => f.Parameter))
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void NoPandaMethod_SpellsAViewParameter()
    {
        var found = PandaTypes
            .SelectMany(t => Literals(t).Where(ViewParameters.Contains).Select(l => $"{t.FullName}: \"{l}\""))
            .Distinct()
            .ToList();

        Assert.True(ViewParameters.Count >= 15, "the list reads UrlParameter: " + string.Join(", ", ViewParameters));
        Assert.Empty(found);
    }

    [Fact]
    public void NoPandaType_ReadsARequest()
    {
        var found = PandaTypes
            .SelectMany(t => Signatures(t).Select(used => (t, used)))
            .Where(p =>
                p.used.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true
                || p.used == typeof(Microsoft.Extensions.Primitives.StringValues)
            )
            .Select(p => $"{p.t.FullName} uses {p.used.FullName}")
            .Distinct()
            .ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void TheLiteralScan_FindsAViewParameter_WhereOneIsSpelled()
    {
        // The parsers spell them in method bodies (ldstr), as a Panda type would.
        Assert.Contains(UrlParameter.DateFrom, Literals(typeof(TimeWindowParser)));
        Assert.Contains(UrlParameter.SortBy, Literals(typeof(JobQueryParser)));
    }

    /// <summary>The string literals (ldstr) of every method and constructor of a type and its nested types.</summary>
    private static IEnumerable<string> Literals(Type type)
    {
        var bodies = type.GetMethods(All)
            .Cast<MethodBase>()
            .Concat(type.GetConstructors(All))
            .Select(m => m.GetMethodBody()?.GetILAsByteArray())
            .OfType<byte[]>();
        foreach (var il in bodies)
        {
            // ldstr is 0x72 and a user-string token (table 0x70); a stray match in an operand resolves to nothing.
            for (var i = 0; i + 4 < il.Length; i++)
            {
                if (il[i] != 0x72 || il[i + 4] != 0x70)
                {
                    continue;
                }

                string? text;
                try
                {
                    text = type.Module.ResolveString(BitConverter.ToInt32(il, i + 1));
                }
                catch (ArgumentException)
                {
                    text = null;
                }

                if (text is not null)
                {
                    yield return text;
                }
            }
        }

        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
        {
            foreach (var literal in Literals(nested))
            {
                yield return literal;
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        {
            if (field.IsLiteral && field.GetRawConstantValue() is string constant)
            {
                yield return constant;
            }
        }
    }

    /// <summary>The types a type's fields, properties and method signatures name.</summary>
    private static IEnumerable<Type> Signatures(Type type)
    {
        return type.GetFields(All)
            .Select(f => f.FieldType)
            .Concat(type.GetProperties(All).Select(p => p.PropertyType))
            .Concat(
                type.GetMethods(All)
                    .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
            )
            .Concat(type.GetConstructors(All).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)))
            .SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.HasElementType ? Unwrap(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type)
        : [type];
}
