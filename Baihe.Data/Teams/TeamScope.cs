namespace Baihe.Data.Teams;

/// <summary>What a "who may" rule needs to know about a team: which team it is and which community it belongs to.</summary>
public sealed record TeamScope(int TeamId, int CommunityId);
