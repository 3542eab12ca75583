using DarkSide.Monitor.Panda.Db;

namespace DarkSide.Monitor.Panda.Query;

/// <summary>One filter parameter read against its field in the whitelist.</summary>
public sealed partial class JobQueryParser
{
    internal static JobFilter? ParseFilter(JobField field, string value, List<JobQueryError> errors)
    {
        switch (field.Kind)
        {
            case JobFieldKind.NumberList:
                var numbers = ParseNumberList(value);
                if (numbers is null)
                {
                    errors.Add(
                        new(
                            field.Parameter,
                            $"'{value}' is not a whole number or a list of them; expected e.g. 1234 or "
                                + $"1234|5678 or 1234,5678."
                        )
                    );
                    return null;
                }

                if (numbers.Count > MaxListValues)
                {
                    errors.Add(
                        new(field.Parameter, $"lists {numbers.Count} values; at most {MaxListValues} are accepted.")
                    );
                    return null;
                }

                return new NumberListJobFilter(field, numbers);

            case JobFieldKind.WordList:
                var words = value.Split('|', ',').Select(s => s.Trim()).ToList();
                if (words.Any(w => w.Length == 0))
                {
                    errors.Add(
                        new(
                            field.Parameter,
                            $"'{value}' has an empty value; expected one or more values separated by '|' or ','."
                        )
                    );
                    return null;
                }

                return new StatusListJobFilter(field, words.Distinct().ToList());

            case JobFieldKind.JobStatusList:
                var statuses = value.Split('|', ',').Select(s => s.Trim()).ToList();
                var unknown = statuses.Where(s => !PandaJobStatus.IsKnown(s)).ToList();
                if (unknown.Count > 0)
                {
                    errors.Add(
                        new(
                            field.Parameter,
                            $"'{string.Join("', '", unknown)}' is not a PanDA job status; expected one or more "
                                + $"of {string.Join(", ", PandaJobStatus.All)} separated by '|' or ','."
                        )
                    );
                    return null;
                }

                return new StatusListJobFilter(field, statuses.Distinct().ToList());

            case JobFieldKind.NumberRange:
                var parts = value.Split(':');
                if (
                    parts.Length != 2
                    || !TryParseLong(parts[0], out var low)
                    || !TryParseLong(parts[1], out var high)
                    || low > high
                )
                {
                    errors.Add(
                        new(
                            field.Parameter,
                            $"'{value}' is not a range; expected low:high with whole numbers, low ≤ high (e.g. "
                                + $"1000:1099)."
                        )
                    );
                    return null;
                }

                return new RangeJobFilter(field, low, high);

            default:
                var pattern = TextPattern.Parse(value);
                if (pattern.HasEmptyTerm)
                {
                    errors.Add(
                        new(
                            field.Parameter,
                            $"'{value}' has an empty term; expected values separated by '|' (OR) or ',' (AND), "
                                + $"each optionally starting with '!' and using '*' as a wildcard."
                        )
                    );
                    return null;
                }

                return new TextJobFilter(field, pattern);
        }
    }

    private static void AddErrorMessageFilter(
        Dictionary<string, string> values,
        List<JobFilter> filters,
        List<JobQueryError> errors
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

    private static bool ParseFullList(Dictionary<string, string> values, List<JobQueryError> errors)
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
