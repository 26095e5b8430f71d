namespace Baihe.Data.Dashboard;

/// <summary>
/// The names a <see cref="DashboardSeries.Metric"/> may carry, one per kind of list <c>DrillQueries</c> serves.
/// Count metrics compare with <see cref="DrillList.Count"/>; <see cref="IsTotal"/> ones with <see cref="DrillList.Total"/>.
/// </summary>
public static class DrillMetrics
{
    /// <summary>Tasks closed (confirmed by the resident) in the period: 办结.</summary>
    public const string TasksClosed = "tasks.closed";

    /// <summary>Tasks received (their 'Collected' step) in the period: 受理.</summary>
    public const string TasksReceived = "tasks.received";

    /// <summary>Tasks not closed now, at a stage (bucket <c>stage=</c>) or at any open stage.</summary>
    public const string TasksOpen = "tasks.open";

    /// <summary>Open tasks past their due time now.</summary>
    public const string TasksOverdue = "tasks.overdue";

    /// <summary>办结率 of the tasks received in the period: closed ÷ received, in percent.</summary>
    public const string CloseRate = "rate.close";

    /// <summary>响应率: left 收集信息 within the configured hours ÷ received, of the tasks received in the period, in percent.</summary>
    public const string ResponseRate = "rate.response";

    /// <summary>解决率: result 解决 ÷ tasks with a result, of the tasks received in the period, in percent.</summary>
    public const string SolveRate = "rate.solve";

    /// <summary>按时办结率: closed by the due time ÷ (closed + open and overdue at the period's end or now), in percent.</summary>
    public const string OnTimeRate = "rate.ontime";

    /// <summary>满意率: (满意 + 基本满意) ÷ rated (未评价 left out), of the tasks received in the period, in percent.</summary>
    public const string SatisfactionRate = "rate.satisfaction";

    /// <summary>回访率: tasks visited back ÷ tasks that reached feedback, in percent.</summary>
    public const string VisitRate = "rate.visit";

    /// <summary>Wishes fulfilled (完成 or 回访) in the period.</summary>
    public const string WishesFulfilled = "wishes.fulfilled";

    /// <summary>Wishes at a status (bucket <c>status=</c>): open ones now, fulfilled ones in the period.</summary>
    public const string WishesAtStatus = "wishes.status";

    /// <summary>Points issued (positive ledger entries) in the period; bucket <c>area=</c>, <c>team=</c> or <c>community=</c>.</summary>
    public const string Points = "points";

    /// <summary>Points issued to the members of a team (bucket <c>team=</c>) in the period.</summary>
    public const string TeamPoints = "points.team";

    /// <summary>The active members of a team (bucket <c>team=</c>).</summary>
    public const string TeamMembers = "team.members";

    /// <summary>Distinct residents with an active membership in a volunteer service team.</summary>
    public const string Volunteers = "volunteers";

    /// <summary>Residents flagged as 百合邻长.</summary>
    public const string NeighbourLeads = "leads";

    /// <summary>邻长 with at least one positive ledger entry in the period.</summary>
    public const string ActiveNeighbourLeads = "leads.active";

    /// <summary>Every metric <c>DrillQueries</c> serves.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        TasksClosed, TasksReceived, TasksOpen, TasksOverdue, CloseRate, ResponseRate, SolveRate, OnTimeRate, SatisfactionRate, VisitRate,
        WishesFulfilled, WishesAtStatus, Points, TeamPoints, TeamMembers, Volunteers, NeighbourLeads, ActiveNeighbourLeads,
    ];

    /// <summary>Whether the charted value is <see cref="DrillList.Total"/> (a sum or a rate) rather than the record count.</summary>
    public static bool IsTotal(string metric) => metric is Points or TeamPoints || IsRate(metric);

    /// <summary>Whether the metric is one of the task rates (<see cref="Tasks.MonthRates"/>).</summary>
    public static bool IsRate(string metric) => metric is CloseRate or ResponseRate or SolveRate or OnTimeRate or SatisfactionRate or VisitRate;
}
