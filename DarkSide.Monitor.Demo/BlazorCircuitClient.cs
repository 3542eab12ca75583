using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace DarkSide.Monitor.Demo;

/// <summary>
/// A viewer without a browser, for fan-out beyond the Chromium pages one machine holds: it opens a real Blazor
/// circuit the way blazor.web.js does (the prerendered page's component markers, StartCircuit, UpdateRootComponents
/// over the "blazorpack" hub protocol), acknowledges every render batch, answers every JS interop call with null,
/// and leaves with Blazor's disconnect beacon. The server holds the same circuit, renderer and live feed it holds for
/// a browser; only the DOM is missing.
/// </summary>
public sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly Uri baseUri;
    private readonly TaskCompletionSource firstUpdate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<RenderBatch> received = new();
    private string? circuitId;
    private int batches;
    private int updates;

    private BlazorCircuitClient(Uri baseUri)
    {
        this.baseUri = baseUri;
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets);
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        connection = builder.Build();
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On<long, string, string, int, long>("JS.BeginInvokeJS", OnBeginInvokeJsAsync);
    }

    /// <summary>Render batches received: live updates, and the app bar's clock every second.</summary>
    public int Batches => Volatile.Read(ref batches);

    /// <summary>
    /// Live updates received: batches that carry a new "updated HH:mm:ss UTC" text, what a Chromium page's observer of
    /// the live indicator counts.
    /// </summary>
    public int Updates => Volatile.Read(ref updates);

    /// <summary>Every render batch received, in order: its size and whether it carried a live update.</summary>
    public IReadOnlyList<RenderBatch> Received => received.ToArray();

    /// <summary>
    /// Opens the page's circuit; returns once its first live data arrived (the page renders only in the circuit),
    /// with the time from the page request.
    /// </summary>
    public static async Task<(BlazorCircuitClient Client, TimeSpan FirstData)> OpenAsync(
        HttpClient http,
        Uri page,
        CancellationToken cancellationToken
    )
    {
        var clock = Stopwatch.StartNew();
        var html = await http.GetStringAsync(page, cancellationToken);
        var markers = Markers().Matches(html).Select(m => m.Groups[1].Value).Where(m => m.Contains("\"descriptor\""));
        var state = ServerState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        var operations = markers
            .Select(
                (marker, i) =>
                    new
                    {
                        type = "add",
                        ssrComponentId = i + 1,
                        marker = JsonSerializer.Deserialize<JsonElement>(marker),
                    }
            )
            .ToList();
        if (operations.Count == 0)
        {
            throw new InvalidOperationException($"{page} has no interactive server component to open a circuit for.");
        }

        var client = new BlazorCircuitClient(new Uri(page, "/"));
        try
        {
            var rootComponents = JsonSerializer.Serialize(new { batchId = 1, operations });
            await client.StartAsync(page, rootComponents, state, cancellationToken);
            await client.firstUpdate.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return (client, clock.Elapsed);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(Uri page, string rootComponents, string state, CancellationToken cancellationToken)
    {
        await connection.StartAsync(cancellationToken);
        circuitId = await connection.InvokeAsync<string?>(
            "StartCircuit",
            baseUri.ToString(),
            page.ToString(),
            "[]",
            "",
            cancellationToken
        );
        if (circuitId is null)
        {
            throw new InvalidOperationException($"The server refused to start a circuit for {page}.");
        }

        await connection.SendAsync("UpdateRootComponents", rootComponents, state, cancellationToken);
    }

    /// <summary>Leaves as a closed tab does: the disconnect beacon frees the circuit now, not later.</summary>
    public async ValueTask DisposeAsync()
    {
        if (circuitId is not null)
        {
            using var http = new HttpClient();
            using var form = new FormUrlEncodedContent([new("circuitId", circuitId)]);
            await http.PostAsync(new Uri(baseUri, "_blazor/disconnect"), form);
        }

        await connection.DisposeAsync();
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        Interlocked.Increment(ref batches);
        var update = batch.AsSpan().IndexOf("updated "u8) >= 0;
        received.Enqueue(new RenderBatch(DateTime.UtcNow, batch.Length, update));
        if (Environment.GetEnvironmentVariable("BENCH_WIRE_DUMP") is { Length: > 0 } dump)
        {
            await File.WriteAllBytesAsync(Path.Combine(dump, $"batch-{batchId:D4}.bin"), batch);
        }

        if (update)
        {
            Interlocked.Increment(ref updates);
            firstUpdate.TrySetResult();
        }

        await connection.SendAsync("OnRenderCompleted", batchId, null);
    }

    private Task OnBeginInvokeJsAsync(long taskId, string identifier, string args, int resultType, long target) =>
        taskId == 0
            ? Task.CompletedTask
            : connection.SendAsync("EndInvokeJSFromDotNet", taskId, true, $"[{taskId},true,null]");

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ServerState();

    /// <summary>Blazor's hub speaks MessagePack under the name "blazorpack".</summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol inner = new();

        public string Name => "blazorpack";

        public int Version => inner.Version;

        public TransferFormat TransferFormat => inner.TransferFormat;

        public bool TryParseMessage(
            ref ReadOnlySequence<byte> input,
            IInvocationBinder binder,
            [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message
        ) => inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

        public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
    }
}

/// <param name="Bytes">The batch as the server sent it: Blazor's binary render batch, before compression.</param>
/// <param name="IsUpdate">It carried a new "updated HH:mm:ss UTC": a live refresh, not a clock tick.</param>
public sealed record RenderBatch(DateTime ReceivedUtc, int Bytes, bool IsUpdate);
