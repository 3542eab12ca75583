using DarkSide.Monitor.Panda.Db;
using DarkSide.Monitor.Panda.Query;

namespace DarkSide.Monitor.Web.Query;

/// <summary>One filter parameter read against its field in the whitelist.</summary>
public sealed partial class JobQueryParser
{
    internal static JobFilter? ParseFilter(JobField field, string value, List<ParameterError> errors)
    {
        var (filter, problem) = field.Kind switch
        {
            JobFieldKind.NumberList => NumberList(field, value),
            JobFieldKind.WordList => WordList(field, value),
            JobFieldKind.JobStatusList => JobStatusList(field, value),
            JobFieldKind.NumberRange => NumberRange(field, value),
            _ => Text(field, value),
        };
        if (problem is not null)
        {
            errors.Add(new(field.Parameter, problem));
        }

        return filter;
    }

    private static (JobFilter?, string?) NumberList(JobField field, string value) =>
        ParseNumberList(value) switch
        {
            null => (
                null,
                $"'{value}' is not a whole number or a list of them; expected e.g. 1234 or 1234|5678 or 1234,5678."
            ),
            { Count: > MaxListValues } numbers => (
                null,
                $"lists {numbers.Count} values; at most {MaxListValues} are accepted."
            ),
            var numbers => (new NumberListJobFilter(field, numbers), null),
        };

    private static (JobFilter?, string?) WordList(JobField field, string value)
    {
        var words = value.Split('|', ',').Select(s => s.Trim()).ToList();
        return words.Any(w => w.Length == 0)
            ? (null, $"'{value}' has an empty value; expected one or more values separated by '|' or ','.")
            : (new StatusListJobFilter(field, words.Distinct().ToList()), null);
    }

    private static (JobFilter?, string?) JobStatusList(JobField field, string value)
    {
        var statuses = value.Split('|', ',').Select(s => s.Trim()).ToList();
        var unknown = statuses.Where(s => !PandaJobStatus.IsKnown(s)).ToList();
        return unknown.Count > 0
            ? (
                null,
                $"'{string.Join("', '", unknown)}' is not a PanDA job status; expected one or more "
                    + $"of {string.Join(", ", PandaJobStatus.All)} separated by '|' or ','."
            )
            : (new StatusListJobFilter(field, statuses.Distinct().ToList()), null);
    }

    private static (JobFilter?, string?) NumberRange(JobField field, string value)
    {
        var parts = value.Split(':');
        return
            parts.Length == 2
            && QueryValues.TryParseLong(parts[0], out var low)
            && QueryValues.TryParseLong(parts[1], out var high)
            && low <= high
            ? (new RangeJobFilter(field, low, high), null)
            : (null, $"'{value}' is not a range; expected low:high with whole numbers, low ≤ high (e.g. 1000:1099).");
    }

    private static (JobFilter?, string?) Text(JobField field, string value)
    {
        var pattern = TextPattern.Parse(value);
        return pattern.HasEmptyTerm
            ? (
                null,
                $"'{value}' has an empty term; expected values separated by '|' (OR) or ',' (AND), "
                    + "each optionally starting with '!' and using '*' as a wildcard."
            )
            : (new TextJobFilter(field, pattern), null);
    }

    private static void AddErrorMessageFilter(
        Dictionary<string, string> values,
        List<JobFilter> filters,
        List<ParameterError> errors
    )
    {
        if (!values.TryGetValue(UrlParameter.ErrorMessage, out var message))
        {
            return;
        }

        var components = ErrorFields.All.Where(e => values.ContainsKey(e.CodeColumn)).ToList();
        if (components.Count == 0)
        {
            errors.Add(
                new(
                    UrlParameter.ErrorMessage,
                    $"needs the error code it belongs to in the same URL, e.g. "
                        + $"piloterrorcode=1305&errormessage=...; code parameters: "
                        + $"{string.Join(", ", ErrorFields.All.Select(e => e.CodeColumn))}."
                )
            );
            return;
        }

        filters.Add(new ErrorMessageJobFilter(ErrorMessageField, components, message));
    }

    private static bool ParseFullList(Dictionary<string, string> values, List<ParameterError> errors)
    {
        if (!values.TryGetValue(UrlParameter.FullList, out var text))
        {
            return false;
        }

        if (!bool.TryParse(text, out var fullList))
        {
            errors.Add(
                new(UrlParameter.FullList, $"'{text}' is not true or false; fulllist=true searches all of history.")
            );
        }

        return fullList;
    }
}
