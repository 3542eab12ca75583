namespace DarkSide.Monitor.Panda.Blinding;

/// <summary>Resolves the current viewer on the server; pages never decide access themselves.</summary>
public interface IViewerAccessProvider
{
    ValueTask<ViewerAccess> GetViewerAsync(CancellationToken cancellationToken);
}
