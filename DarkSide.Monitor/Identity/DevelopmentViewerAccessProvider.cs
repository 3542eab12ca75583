using DarkSide.Monitor.Panda.Blinding;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>Stands in for IAM login: every request acts as the configured development viewer.</summary>
public sealed class DevelopmentViewerAccessProvider(
    IOptions<DevelopmentViewerOptions> options,
    IOptions<DarkSide.Monitor.Identity.IamOptions> iam
) : IViewerAccessProvider
{
    public ValueTask<ViewerAccess> GetViewerAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(
            new ViewerAccess(options.Value.Name, options.Value.BlindAccess, options.Value.Admin)
            {
                HidesBlindJobs = iam.Value.BlindJobs == DarkSide.Monitor.Identity.BlindJobMode.Hide,
            }
        );
}
