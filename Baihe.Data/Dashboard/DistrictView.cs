namespace Baihe.Data.Dashboard;

/// <summary>
/// Everything the district page shows, read from one load of the figures: the comparison rows, the names of the five
/// point areas (in the order of <see cref="DistrictRow.PointsByArea"/>) and the charts.
/// </summary>
/// <param name="Rows">One row per readable community of the sub-district.</param>
/// <param name="Areas">The point areas' names.</param>
/// <param name="Charts">The district charts; every value drills.</param>
public sealed record DistrictView(IReadOnlyList<DistrictRow> Rows, IReadOnlyList<string> Areas, IReadOnlyList<DashboardChart> Charts)
{
    /// <summary>响应率's window the rates were counted with (<c>Tasks:ResponseHours</c>), for their definitions.</summary>
    public int ResponseHours { get; init; } = Tasks.TaskOptions.Default.ResponseHours;
}
