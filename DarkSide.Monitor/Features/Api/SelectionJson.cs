using System.Globalization;
using DarkSide.Monitor.Panda.JobTables;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Features.Api;

/// <summary>
/// BigPanDA's JSON shapes of a selection's summaries (docs/bigpanda-compatibility.md, "JSON": selectionsummary,
/// errsByCount).
/// </summary>
public static class SelectionJson
{
    /// <summary>
    /// BigPanDA's selectionsummary: a numeric attribute's values (task, attempt, cores) are numbers, as there.
    /// </summary>
    public static object SelectionSummary(JobSelectionSummary summary) =>
        summary.Attributes.Select(a =>
        {
            var numeric = JobFields.Find(a.Parameter)?.Kind == JobFieldKind.NumberList;
            var values = a.Parameter == "transformation" ? ByTransformationName(a.Values) : a.Values;
            return new
            {
                field = a.Parameter,
                list = values.Select(v => new
                {
                    kname = v.Value is null ? "Not specified"
                    : numeric && long.TryParse(v.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                        ? n
                    : (object)v.Value,
                    kvalue = v.Count,
                }),
            };
        });

    /// <summary>
    /// BigPanDA summarises jobs whose transformation is already cut to its last path segment, so two paths that end
    /// alike are one value; the largest count comes first, as in the other attributes.
    /// </summary>
    private static IEnumerable<JobAttributeValue> ByTransformationName(IEnumerable<JobAttributeValue> values) =>
        values
            .GroupBy(v => v.Value is null ? null : JobTiming.TransformationName(v.Value))
            .Select(g => new JobAttributeValue(g.Key, g.Sum(v => v.Count)))
            .OrderByDescending(v => v.Count);

    public static object ErrorsByCount(JobSelectionSummary summary) =>
        summary.Errors.Select(e => new
        {
            error = e.Component,
            codename = e.CodeColumn,
            codeval = e.Code,
            diag = e.SampleDiagnostic,
            desc = e.Description,
            example_pandaid = e.ExamplePandaId,
            count = e.Jobs,
        });
}
