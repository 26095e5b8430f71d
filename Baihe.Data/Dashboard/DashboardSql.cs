namespace Baihe.Data.Dashboard;

/// <summary>
/// The SQL fragments every dashboard figure and every drill-down list share, so that a chart and the list behind it
/// cannot drift apart: the place (a grid <c>g</c> inside the scope), a team inside the scope, and each record filter.
/// Periods are always exact days ([@From, @To) on the date columns), so a day range counts what it says.
/// </summary>
internal static class DashboardSql
{
    /// <summary>The grid <c>g</c> lies in the scope: the sub-district, the community when one is set, the grid when one is set.</summary>
    /// <remarks>
    /// The optional community and grid sit inside the subquery, so it lists only the scope's grids (a 街道's ~65, a
    /// community's ~5, or one) and the planner carries that list over to the records' grid column: each figure seeks
    /// its table's (GridId, …) index per grid of the scope. Written as <c>(@CommunityId IS NULL OR …)</c> beside the
    /// subquery instead, a community's view read every grid of its 街道 and filtered afterwards.
    /// </remarks>
    public const string GridInScopeFragment = """
        g.Id IN (SELECT sg.Id FROM Grid sg JOIN Community sc ON sc.Id = sg.CommunityId
                 WHERE sc.SubDistrictId = @SubDistrictId AND (@CommunityId IS NULL OR sg.CommunityId = @CommunityId)
                   AND (@GridId IS NULL OR sg.Id = @GridId))
        """;

    /// <summary>The team <c>t</c> belongs to a community of the scope, and its member <c>m</c> lives in the grid when one is set.</summary>
    public const string TeamInScopeFragment = """
        t.CommunityId IN (SELECT sc.Id FROM Community sc WHERE sc.SubDistrictId = @SubDistrictId AND (@CommunityId IS NULL OR sc.Id = @CommunityId))
          AND (@GridId IS NULL OR m.GridId = @GridId)
        """;

    public const string TaskClosedFragment = " AND rt.Stage = 'Closed' AND rt.ClosedAt >= @From AND rt.ClosedAt < @To";

    public const string TaskOpenFragment = " AND rt.Stage <> 'Closed' AND (@Stage IS NULL OR rt.Stage = @Stage)";

    public const string TaskOverdueFragment = " AND rt.Stage <> 'Closed' AND rt.DueAt < @Now";

    // Received in the period: the task's 'Collected' step, as TaskWorkflowQueries.RatesAsync reads its cohorts.
    public const string TaskReceivedFragment = """
         AND EXISTS (SELECT 1 FROM TaskStageHistory c
                     WHERE c.TaskId = rt.Id AND c.ToStage = 'Collected' AND c.ChangedAt >= @From AND c.ChangedAt < @To)
        """;

    public const string WishFulfilledFragment = " AND w.FulfilledAt >= @From AND w.FulfilledAt < @To";

    // Open wishes as they are now, fulfilled ones in the period: the same reading as 总览's status chart.
    public const string WishAtStatusFragment = " AND (w.FulfilledAt IS NULL OR (w.FulfilledAt >= @From AND w.FulfilledAt < @To)) AND (@Status IS NULL OR w.Status = @Status)";

    public const string PointIssuedFragment = " AND pe.Points > 0 AND pe.OccurredOn >= @From AND pe.OccurredOn < @To AND (@AreaId IS NULL OR pe.CategoryId = @AreaId)";

    // An active 邻长 earned at least one positive ledger entry in the period.
    public const string LeadActiveFragment = " AND EXISTS (SELECT 1 FROM PointEntry pe WHERE pe.MemberId = m.Id AND pe.Points > 0 AND pe.OccurredOn >= @From AND pe.OccurredOn < @To)";

    public const string LimitTail = "\nLIMIT @Take OFFSET @Skip;";

    public const string OffsetTail = "\nOFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";
}
