using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>
/// Re-checks every open circuit's user once a minute, so a disabled account or a changed role (which changes the
/// security stamp) takes effect on open pages within minutes, not at the next sign-in.
/// </summary>
public sealed class RevalidatingAuthStateProvider(ILoggerFactory loggerFactory, SignInService signIn)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        signIn.IsCurrentAsync(authenticationState.User, cancellationToken);
}
