using Baihe.Data.Accounts;
using Baihe.Data.Tasks;

namespace Baihe.Data.Wishes;

/// <summary>
/// Who may move a 微心愿 along, one answer per step. <see cref="WishCommands"/> asks these inside its transaction
/// and the wish pages ask the same functions before they show an action or a choice.
/// </summary>
public static class WishRules
{
    /// <summary>发布: the same staff who record residents' calls publish wishes on their behalf.</summary>
    public static bool CanPublish(Actor actor, IntakeScope place) => TaskRules.CanIntake(actor, place);

    /// <summary>
    /// 认领: a secretary claims for anyone of the community (a resident, a team, a partner unit); a lead for their own
    /// team or for a resident on it. The claimant must belong to the wish's community.
    /// </summary>
    public static bool CanClaim(Actor actor, WishScope wish, ClaimantScope claimant) =>
        claimant.CommunityId == wish.CommunityId
        && (actor.IsSecretaryOf(wish.CommunityId)
            || (claimant.Kind == "Team" && actor.IsLeadOf(claimant.Id))
            || (claimant.Kind == "Member" && actor.TeamId is int team && actor.IsLeadOf(team) && claimant.TeamIds.Contains(team)));

    /// <summary>完成: the secretary, the lead of the claiming team, or the lead of a team the claiming resident is on.</summary>
    public static bool CanFulfil(Actor actor, WishScope wish) =>
        actor.IsSecretaryOf(wish.CommunityId)
        || (wish.ClaimedByTeamId is int team && actor.IsLeadOf(team))
        || (wish.ClaimedByMemberId is not null && actor.TeamId is int own && actor.IsLeadOf(own) && wish.ClaimerTeamIds.Contains(own));

    /// <summary>回访: the community's secretary.</summary>
    public static bool CanVisit(Actor actor, WishScope wish) => actor.IsSecretaryOf(wish.CommunityId);
}
