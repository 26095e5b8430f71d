using Baihe.Data.Accounts;
using Baihe.Data.Residents;
using Baihe.Data.Teams;

namespace Baihe.Data.Points;

/// <summary>
/// Who may do what in the points screens. Pure functions of the actor and the thing acted on: the pages ask them to
/// decide which actions to show, the commands ask the same ones inside their transaction.
/// </summary>
public static class PointsRules
{
    /// <summary>
    /// Acting for a resident's points (recording a service, redeeming a reward): the secretary of the resident's
    /// community, or the lead of the resident's home team (<see cref="MemberScope.HomeTeamId"/>: the team of their
    /// earliest active membership, the first one recorded). Not the lead of any other team they are on: otherwise a
    /// lead could add another team's member to their own team and spend that person's points.
    /// </summary>
    public static bool CanActFor(Actor actor, MemberScope member) =>
        actor.IsSecretaryOf(member.CommunityId) || (member.HomeTeamId is int home && actor.IsLeadOf(home));

    /// <summary>
    /// Whether a screen listing a community's residents offers to record services at all: its secretary, or a team
    /// lead (who only ever sees their own team's community). Which resident they may record for is
    /// <see cref="CanActFor"/>, asked once the resident is chosen.
    /// </summary>
    public static bool MayActForResidentsOf(Actor actor, int communityId) =>
        actor.IsSecretaryOf(communityId) || (actor.Role == Roles.Lead && actor.TeamId is not null);

    /// <summary>Reversing a ledger entry (冲正): only the secretary of the resident's community.</summary>
    public static bool CanCorrect(Actor actor, MemberScope member) => actor.IsSecretaryOf(member.CommunityId);

    /// <summary>Handing over a redeemed reward (兑现): the secretary of the reward's community.</summary>
    public static bool CanFulfil(Actor actor, int communityId) => actor.IsSecretaryOf(communityId);

    /// <summary>Keeping the community's reward catalogue: its secretary.</summary>
    public static bool CanKeepCatalogue(Actor actor, int communityId) => actor.IsSecretaryOf(communityId);

    /// <summary>Running the half-yearly evaluations (评选, 公示, 归档): the community's secretary.</summary>
    public static bool CanRunEvaluations(Actor actor, int communityId) => actor.IsSecretaryOf(communityId);

    /// <summary>Creating an event, taking its attendance and closing it: the community's secretary or the team's lead.</summary>
    public static bool CanRunActivity(Actor actor, TeamScope team) =>
        actor.IsSecretaryOf(team.CommunityId) || actor.IsLeadOf(team.TeamId);
}
