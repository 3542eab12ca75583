using DarkSide.Monitor.Panda.Blinding;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// The viewer of a plain HTTP request (exports, JSON): injected into endpoint handlers. With IAM it is the signed-in
/// or bearer user of the request; in development, the configured development viewer.
/// </summary>
public interface IRequestViewer
{
    ValueTask<ViewerAccess> ForAsync(HttpContext context);
}

/// <summary>The request's user, from its cookie or bearer token claims.</summary>
public sealed class IamRequestViewer(IOptions<IamOptions> iam) : IRequestViewer
{
    public ValueTask<ViewerAccess> ForAsync(HttpContext context) =>
        ValueTask.FromResult(MonitorClaims.ToViewer(context.User, iam.Value.BlindJobs));
}

/// <summary>Development mode: every request is the configured development viewer.</summary>
public sealed class DevelopmentRequestViewer(DevelopmentViewerAccessProvider viewer) : IRequestViewer
{
    public ValueTask<ViewerAccess> ForAsync(HttpContext context) => viewer.GetViewerAsync(context.RequestAborted);
}
