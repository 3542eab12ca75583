using DarkSide.Monitor.Panda.Blinding;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>
/// The viewer of a plain HTTP request (exports, JSON): the signed-in or bearer user, or the development viewer.
/// </summary>
public static class RequestViewer
{
    public static ValueTask<ViewerAccess> ForAsync(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<IamOptions>>().Value is { Mode: SignInMode.Iam } iam
            ? ValueTask.FromResult(MonitorClaims.ToViewer(context.User, iam.BlindJobs))
            : context
                .RequestServices.GetRequiredService<IViewerAccessProvider>()
                .GetViewerAsync(context.RequestAborted);
}
