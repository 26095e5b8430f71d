namespace Baihe.Data.Dashboard;

/// <summary>The community overview under a filter: its tiles and its charts.</summary>
/// <remarks>
/// <see cref="RatesByGrid"/> has every grid of the community (or the chosen one); <see cref="RatesByTeam"/> every team that
/// handles a task received in the period.
/// </remarks>
public sealed record CommunityDashboard(IReadOnlyList<DashboardTile> Tiles, IReadOnlyList<DashboardChart> Charts)
{
    public IReadOnlyList<RateRow> RatesByGrid { get; init; } = [];
    public IReadOnlyList<RateRow> RatesByTeam { get; init; } = [];

    /// <summary>响应率's window the rates were counted with (<c>Tasks:ResponseHours</c>), for their definitions.</summary>
    public int ResponseHours { get; init; } = Tasks.TaskOptions.Default.ResponseHours;
}
