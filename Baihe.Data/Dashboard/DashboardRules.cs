using Baihe.Data.Accounts;

namespace Baihe.Data.Dashboard;

/// <summary>
/// Who may read which part of the command view. Pure functions of the actor and the place; <see cref="DashboardScopeQueries"/>
/// loads the place and asks, and so does any page deciding what to link to.
/// </summary>
public static class DashboardRules
{
    /// <summary>The district view of a sub-district: an administrator any, an official their own.</summary>
    public static bool CanReadDistrict(Actor actor, int subDistrictId) =>
        actor.Role == Roles.Admin || (actor.Role == Roles.Official && actor.SubDistrictId == subDistrictId);

    /// <summary>
    /// A community's figures: an administrator any, an official those of their sub-district, a secretary their
    /// community, a lead the community of their team.
    /// </summary>
    public static bool CanReadCommunity(Actor actor, CommunityPlace place) => actor.Role switch
    {
        Roles.Admin => true,
        Roles.Official => actor.SubDistrictId == place.SubDistrictId,
        Roles.Secretary => actor.CommunityId == place.CommunityId,
        Roles.Lead => actor.TeamId is int team && place.TeamIds.Contains(team),
        _ => false,
    };

    /// <summary>Where the actor lands: officials and administrators on the district view, secretaries and leads on their community's overview.</summary>
    public static bool HomeIsDistrict(Actor actor) => actor.Role is Roles.Official or Roles.Admin;
}
