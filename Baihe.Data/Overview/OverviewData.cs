namespace Baihe.Data.Overview;

/// <summary>Everything 总览 shows, loaded in one go.</summary>
public sealed record OverviewData(
    OverviewKpis Kpis,
    IReadOnlyList<MonthCount> TasksByMonth,
    IReadOnlyList<MonthCount> WishesByMonth,
    IReadOnlyList<AreaPoints> PointsByArea,
    IReadOnlyList<TeamSize> TeamSizes,
    IReadOnlyList<StageCount> TasksByStage,
    IReadOnlyList<StageCount> WishesByStatus);
