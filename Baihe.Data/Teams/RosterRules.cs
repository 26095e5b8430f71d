using Baihe.Data.Accounts;
using Baihe.Data.Residents;

namespace Baihe.Data.Teams;

/// <summary>Who may change a team's roster. Pure functions: the pages ask them to show actions, the commands to allow them.</summary>
public static class RosterRules
{
    /// <summary>Secretaries edit every roster of their community; a lead edits only their own team.</summary>
    public static bool CanEdit(Actor actor, TeamScope team) =>
        actor.IsSecretaryOf(team.CommunityId) || actor.IsLeadOf(team.TeamId);

    /// <summary>
    /// A resident's name and phone, edited from one team's roster: the secretary of the resident's community, or the
    /// lead of that team while the resident is on no other current team. The contact is the resident's, shown on every
    /// team they are on, so once a second team has them only the secretary changes it: otherwise a lead could add
    /// another team's member and change the phone that team relies on.
    /// </summary>
    public static bool CanEditContact(Actor actor, MemberScope member, int teamId) =>
        actor.IsSecretaryOf(member.CommunityId) || (member.IsOnlyOn(teamId) && actor.IsLeadOf(teamId));

    /// <summary>
    /// Whether the resident search of the add-member form shows whole phone numbers: only to the secretary, who keeps
    /// the community's register; a lead sees them masked until the resident is on their team.
    /// </summary>
    public static bool SeesFullPhonesInSearch(Actor actor, TeamScope team) => actor.IsSecretaryOf(team.CommunityId);
}
