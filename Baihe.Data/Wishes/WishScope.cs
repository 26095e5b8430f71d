namespace Baihe.Data.Wishes;

/// <summary>
/// What <see cref="WishRules"/> needs to know about a wish: its community, who claimed it and, for a resident
/// claimer, the teams they are currently on (so that their team's lead may record the fulfilment).
/// </summary>
public sealed record WishScope(int CommunityId, int? ClaimedByTeamId, int? ClaimedByMemberId, IReadOnlyList<int> ClaimerTeamIds);
