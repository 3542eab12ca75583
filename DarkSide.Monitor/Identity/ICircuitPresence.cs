namespace DarkSide.Monitor.Identity;

/// <summary>Whether a browser is connected to this circuit now (the web shell tracks it).</summary>
public interface ICircuitPresence
{
    bool IsConnected { get; }
}
