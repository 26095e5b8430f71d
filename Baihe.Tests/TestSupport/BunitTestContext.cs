using System.Globalization;
using System.Security.Claims;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace Baihe.Tests.TestSupport;

/// <summary>The one shared bUnit set-up: loose JS interop and MudBlazor's services, as MudBlazor's own tests do.</summary>
public static class BunitTestContext
{
    public static BunitContext Create()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }

    /// <summary>
    /// Signs <paramref name="actor"/> in with the claims the sign-in cookie carries (id, security stamp, role and
    /// scope ids; every write checks the stamp) and renders as a live circuit, as pages run in the app.
    /// </summary>
    public static void SignIn(this BunitContext ctx, Actor actor, string userName)
    {
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetRoles(actor.Role);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, actor.UserId.ToString(CultureInfo.InvariantCulture)),
            new(BaiheClaims.Stamp, actor.SecurityStamp!),
        };
        foreach (var (type, id) in new[] { (BaiheClaims.SubDistrict, actor.SubDistrictId), (BaiheClaims.Community, actor.CommunityId), (BaiheClaims.Team, actor.TeamId) })
        {
            if (id is int value)
            {
                claims.Add(new Claim(type, value.ToString(CultureInfo.InvariantCulture)));
            }
        }
        auth.SetClaims([.. claims]);
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }
}
