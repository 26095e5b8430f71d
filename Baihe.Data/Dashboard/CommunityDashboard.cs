namespace Baihe.Data.Dashboard;

/// <summary>The community overview under a filter: its tiles and its charts.</summary>
public sealed record CommunityDashboard(IReadOnlyList<DashboardTile> Tiles, IReadOnlyList<DashboardChart> Charts);
