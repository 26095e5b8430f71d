using Baihe.Data.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>The signed-in user of this circuit (or of the prerendering request) as an <see cref="Actor"/>.</summary>
public sealed class CurrentActor(AuthenticationStateProvider auth)
{
    public async Task<Actor?> GetAsync() => BaiheClaims.ToActor((await auth.GetAuthenticationStateAsync()).User);

    /// <summary>The signed-in user's display name (what records of "who generated" show), or null.</summary>
    public async Task<string?> DisplayNameAsync() => (await auth.GetAuthenticationStateAsync()).User.FindFirst(BaiheClaims.DisplayName)?.Value;
}
