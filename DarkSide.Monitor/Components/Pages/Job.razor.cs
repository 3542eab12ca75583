using System.Globalization;
using DarkSide.Monitor.Access;
using DarkSide.Monitor.Jobs;
using Microsoft.AspNetCore.Components;
using Npgsql;

namespace DarkSide.Monitor.Components.Pages;

/// <summary>One job, for the admin following a failure: what went wrong, where, on which attempt, what came before.</summary>
public sealed partial class Job : IDisposable
{
    private readonly CancellationTokenSource _loading = new();

    [Parameter]
    public string? PandaIdText { get; set; }

    [SupplyParameterFromQuery(Name = "pandaid")]
    public string? PandaIdQuery { get; set; }

    [Inject]
    public required JobDetailRepository Repository { get; init; }

    [Inject]
    public required IViewerAccessProvider Viewers { get; init; }

    [Inject]
    public required TimeProvider Clock { get; init; }

    [Inject]
    public required ILogger<Job> Logger { get; init; }

    private JobDetail? Detail { get; set; }

    private ViewerAccess? Viewer { get; set; }

    private string? Problem { get; set; }

    private DateTime Now { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        Detail = null;
        Problem = null;
        var text = PandaIdText ?? PandaIdQuery;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pandaId))
        {
            Problem = text is null
                ? "No job given; open /job/<PandaID>, e.g. from the job list."
                : $"'{text}' is not a PandaID; expected a whole number such as 6100000042.";
            return;
        }

        try
        {
            Now = Clock.GetUtcNow().UtcDateTime;
            Viewer = await Viewers.GetViewerAsync(_loading.Token);
            Detail = await Repository.GetAsync(pandaId, Viewer, Now, _loading.Token);
            Problem = Detail is null ? $"No job with PandaID {pandaId} in PanDA's job tables (defined, waiting, active, archived, or the archive)." : null;
        }
        catch (OperationCanceledException) when (_loading.IsCancellationRequested)
        {
            // The page was closed.
        }
        catch (NpgsqlException e)
        {
            Logger.LogError(e, "Job page query failed");
            Problem = "The PanDA database did not answer. Try again in a moment.";
        }
    }

    private string? Field(string name) => Detail?.Fields.FirstOrDefault(f => f.Name == name)?.Value;

    private long? Long(string name) => long.TryParse(Field(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private string Bytes(string name) => Detail?.Fields.FirstOrDefault(f => f.Name == name) is { Redacted: true } ? "blinded" : ByteSize(Long(name));

    private string Kb(string name) => Detail?.Fields.FirstOrDefault(f => f.Name == name) is { Redacted: true } ? "blinded" : ByteSize(Long(name) * 1024);

    private static string Gb(long? kb) => kb is { } v ? (v / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " GB" : "";

    private static string ByteSize(long? bytes) => bytes switch
    {
        null => "",
        >= 1L << 30 => (bytes.Value / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes.Value / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        _ => bytes.Value.ToString("N0", CultureInfo.InvariantCulture) + " B",
    };

    private static string Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "—";

    public void Dispose()
    {
        _loading.Cancel();
        _loading.Dispose();
    }
}
