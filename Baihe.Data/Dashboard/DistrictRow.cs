namespace Baihe.Data.Dashboard;

/// <summary>
/// One community in the district comparison. Rates are percentages of the tasks received in the period (the cohort
/// definitions of <see cref="Tasks.MonthRates"/>) and null ("—") when their denominator is zero. Open and overdue
/// tasks are as of now; the rest are within the period. <see cref="Closed"/> is the received cohort's closed count (the
/// 办结率 numerator); <see cref="TasksClosed"/> counts every task closed in the period, whenever it was received. <see cref="PointsByArea"/> follows <see cref="DistrictQueries.AreasAsync"/>' order.
/// </summary>
public sealed record DistrictRow(
    int CommunityId,
    string Community,
    int Received,
    int Closed,
    double? CloseRate,
    double? ResponseRate,
    double? SolveRate,
    double? OnTimeRate,
    double? SatisfactionRate,
    double? VisitRate,
    int OpenTasks,
    int OverdueTasks,
    int TasksClosed,
    int WishesFulfilled,
    IReadOnlyList<int> PointsByArea,
    int Volunteers,
    int NeighbourLeads,
    int ActiveNeighbourLeads);
