using System.Globalization;
using DarkSide.Monitor.Panda.JobTables;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>
/// An error-code table as CSV (the error view's, the overview's top errors): one row per component:code.
/// </summary>
public static class ErrorCodeCsv
{
    public static IEnumerable<string?> Header(bool withDiagnostic) =>
        [
            "component",
            "code",
            "category",
            "description",
            "jobs",
            "example_pandaid",
            .. withDiagnostic ? ["diagnostic"] : Array.Empty<string?>(),
        ];

    public static IEnumerable<string?> Row(JobErrorCount error, bool withDiagnostic) =>
        [
            error.Component,
            error.Code.ToString(CultureInfo.InvariantCulture),
            error.CategoryName,
            error.Description,
            error.Jobs.ToString(CultureInfo.InvariantCulture),
            error.ExamplePandaId.ToString(CultureInfo.InvariantCulture),
            .. withDiagnostic ? [error.SampleDiagnostic] : Array.Empty<string?>(),
        ];
}
