using System.Text;

namespace DarkSide.Monitor.Web.Exports;

/// <summary>
/// A CSV download: one line per row, CRLF as RFC 4180 has it, written in pieces of about 64 KB so a large export
/// never sits whole in memory as text.
/// </summary>
public sealed class CsvResult(
    string fileName,
    IEnumerable<IEnumerable<string?>> rows,
    IReadOnlyDictionary<string, string>? headers = null
) : IResult
{
    private const int Piece = 64 * 1024;

    public string FileName => fileName;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        var csv = new StringBuilder();
        foreach (var row in rows)
        {
            csv.Append(CsvText.Line(row)).Append("\r\n");
            if (csv.Length > Piece)
            {
                await response.WriteAsync(csv.ToString(), httpContext.RequestAborted);
                csv.Clear();
            }
        }

        await response.WriteAsync(csv.ToString(), httpContext.RequestAborted);
    }
}
