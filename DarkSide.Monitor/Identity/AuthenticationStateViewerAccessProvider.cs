using DarkSide.Monitor.Panda.Blinding;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace DarkSide.Monitor.Identity;

/// <summary>The signed-in user of the current circuit, as the data layer sees them.</summary>
public sealed class AuthenticationStateViewerAccessProvider(
    AuthenticationStateProvider state,
    IOptions<IamOptions> options
) : IViewerAccessProvider
{
    public async ValueTask<ViewerAccess> GetViewerAsync(CancellationToken cancellationToken) =>
        MonitorClaims.ToViewer((await state.GetAuthenticationStateAsync()).User, options.Value.BlindJobs);
}
