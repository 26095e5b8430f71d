namespace Baihe.Data.Dashboard;

/// <summary>What <see cref="DashboardRules.CanReadCommunity"/> needs to know about a community: its id, its sub-district and its teams.</summary>
public sealed record CommunityPlace(int CommunityId, int SubDistrictId, IReadOnlyList<int> TeamIds);
