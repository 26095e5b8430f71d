using System.Globalization;
using System.Security.Claims;
using Baihe.Data.Accounts;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>What the sign-in cookie carries, and the <see cref="Actor"/> the write commands are given.</summary>
public static class BaiheClaims
{
    public const string DisplayName = "baihe:display";
    public const string SubDistrict = "baihe:subdistrict";
    public const string Community = "baihe:community";
    public const string Team = "baihe:team";
    public const string Stamp = "baihe:stamp";

    /// <summary>
    /// Present ("1") when the password was reset by an administrator: <see cref="PasswordChangeGate"/> then lets the
    /// cookie reach nothing but the change-password page. A reset rotates the stamp, so no older cookie lacks it.
    /// </summary>
    public const string MustChangePassword = "baihe:mustchangepassword";

    public static ClaimsPrincipal Principal(UserRow user, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role),
            new(DisplayName, user.DisplayName),
            new(Stamp, user.SecurityStamp),
        };
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePassword, "1"));
        }
        Add(claims, SubDistrict, user.SubDistrictId);
        Add(claims, Community, user.CommunityId);
        Add(claims, Team, user.TeamId);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The signed-in user as an actor, or null for an anonymous principal.</summary>
    public static Actor? ToActor(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || Int(principal, ClaimTypes.NameIdentifier) is not int id)
        {
            return null;
        }
        return new Actor(id, principal.Identity.Name ?? "", principal.FindFirstValue(ClaimTypes.Role) ?? "",
            Int(principal, SubDistrict), Int(principal, Community), Int(principal, Team), principal.FindFirstValue(Stamp));
    }

    /// <summary>True when the principal must change its password before it may use anything else.</summary>
    public static bool MustChange(ClaimsPrincipal principal) => principal.FindFirstValue(MustChangePassword) == "1";

    private static void Add(List<Claim> claims, string type, int? value)
    {
        if (value is int v)
        {
            claims.Add(new Claim(type, v.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static int? Int(ClaimsPrincipal principal, string type) =>
        int.TryParse(principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
