namespace Baihe.Data.Residents;

/// <summary>
/// What a "who may" rule needs to know about a resident: their community (through their grid) and the teams they are
/// currently on (memberships without a leaving date).
/// </summary>
public sealed record MemberScope(int MemberId, int CommunityId, IReadOnlyList<int> TeamIds);
