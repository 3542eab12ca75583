using DarkSide.Monitor.Identity;
using DarkSide.Monitor.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DarkSide.Monitor.Web.Live;

/// <summary>
/// Whether this circuit's browser is connected. Blazor keeps a circuit for minutes after its tab closed (in case it
/// reconnects); live pages stop their feeds at once instead, and take them up again if the browser comes back.
/// </summary>
public sealed class CircuitConnection : ICircuitPresence
{
    public bool IsConnected { get; private set; } = true;

    /// <summary>
    /// The browser's address as the circuit's connection gives it (after the proxy's forwarded headers), captured
    /// once when the circuit opens and again when it reconnects: pages never read an HttpContext themselves.
    /// </summary>
    public string? RemoteAddress { get; private set; }

    public void SetRemoteAddress(string? address) => RemoteAddress = address ?? RemoteAddress;

    /// <summary>Raised on the circuit's own dispatcher with the new state.</summary>
    public event Action<bool>? Changed;

    public void Set(bool connected)
    {
        if (connected != IsConnected)
        {
            IsConnected = connected;
            Changed?.Invoke(connected);
        }
    }
}

/// <summary>Tells the circuit's <see cref="CircuitConnection"/> when its browser goes and comes back.</summary>
public sealed class LiveCircuitHandler(
    CircuitConnection connection,
    MonitorMetrics metrics,
    IHttpContextAccessor requests
) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        connection.SetRemoteAddress(requests.HttpContext?.Connection.RemoteIpAddress?.ToString());
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connection.Set(false);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connection.SetRemoteAddress(requests.HttpContext?.Connection.RemoteIpAddress?.ToString());
        connection.Set(true);
        return Task.CompletedTask;
    }
}
