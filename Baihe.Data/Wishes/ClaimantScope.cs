namespace Baihe.Data.Wishes;

/// <summary>
/// Who would claim a wish, as <see cref="WishRules.CanClaim"/> sees it: the kind (<c>Member</c>, <c>Team</c> or
/// <c>Partner</c>), the id, its community and, for a resident, the teams they are currently on.
/// </summary>
public sealed record ClaimantScope(string Kind, int Id, int CommunityId, IReadOnlyList<int> TeamIds);
