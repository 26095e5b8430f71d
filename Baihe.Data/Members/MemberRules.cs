using Baihe.Data.Accounts;
using Baihe.Data.Residents;

namespace Baihe.Data.Members;

/// <summary>Who sees what of a resident in the community's lists. Pure functions, asked by the list queries.</summary>
public static class MemberRules
{
    /// <summary>
    /// A whole phone number: the secretary of the resident's community, who keeps its register, and the lead of a team
    /// the resident is on (the roster page shows them the same number). Everyone else sees it masked
    /// (<see cref="PhoneNumber.Mask"/>).
    /// </summary>
    public static bool SeesFullPhone(Actor actor, MemberScope member) =>
        actor.IsSecretaryOf(member.CommunityId) || member.TeamIds.Any(actor.IsLeadOf);

    /// <summary>
    /// Whether a number typed into the list's search is matched anywhere in the phone. Only the secretary: for anyone
    /// else it matches the visible last four digits only, so a search cannot reveal the masked middle.
    /// </summary>
    public static bool SearchesWholePhones(Actor actor, int communityId) => actor.IsSecretaryOf(communityId);
}
