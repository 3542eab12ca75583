namespace DarkSide.Monitor.Web.Query;

/// <summary>Lists of whole numbers, as ID filters take them.</summary>
public sealed partial class JobQueryParser
{
    private static List<long>? ParseNumberList(string value)
    {
        var result = new List<long>();
        foreach (var part in value.Split('|', ','))
        {
            if (!QueryValues.TryParseLong(part.Trim(), out var number))
            {
                return null;
            }

            result.Add(number);
        }

        return result.Distinct().ToList();
    }
}
