using System.Data.Common;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Tasks;

/// <summary>The 民呼我应 workflow's reads: one task, the monthly rates, and what is overdue.</summary>
public sealed class TaskWorkflowQueries(DbConnectionFactory db)
{
    private const string TeamCommunitySql = "SELECT CommunityId FROM Team WHERE Id = @TeamId;";

    /// <summary>Where <paramref name="actor"/> would record a call in <paramref name="communityId"/>, for <see cref="TaskRules.CanIntake"/>.</summary>
    public async Task<IntakeScope> IntakeScopeAsync(Actor actor, int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await IntakeScopeAsync(conn, null, actor, communityId, ct);
    }

    /// <summary>The one way an <see cref="IntakeScope"/> is loaded, by the pages and (in their transaction) the commands.</summary>
    internal static async Task<IntakeScope> IntakeScopeAsync(DbConnection conn, DbTransaction? tx, Actor actor, int communityId, CancellationToken ct) =>
        new(communityId, actor.TeamId is int team
            ? await conn.ExecuteScalarAsync<int?>(new CommandDefinition(TeamCommunitySql, new { TeamId = team }, tx, cancellationToken: ct))
            : null);

    private const string DetailSql = """
        SELECT rt.Id, rt.GridId, g.Name AS Grid, g.CommunityId, rt.ResidentId, r.Name AS Resident, rt.Title, rt.Description,
               rt.Category, rt.Source, rt.Urgency, rt.Stage, rt.AssignedTeamId, t.Name AS Team, rt.DeliberationId, d.Topic AS Deliberation,
               rt.CollectedAt, rt.DueAt, rt.ClosedAt, rt.Resolution, rt.Satisfaction, rt.PhotoPath, CAST(rt.RowVersion AS BIGINT) AS RowVersion,
        """ + TaskQueries.EscalationFragment + """

        FROM ResidentTask rt
        JOIN Grid g ON g.Id = rt.GridId
        LEFT JOIN Member r ON r.Id = rt.ResidentId
        LEFT JOIN Team t ON t.Id = rt.AssignedTeamId
        LEFT JOIN Deliberation d ON d.Id = rt.DeliberationId
        WHERE rt.Id = @TaskId;
        """;

    // The timeline: stage changes, and the 催办/督办 rows the escalation scan recorded, each after the change it follows.
    private const string HistorySql = """
        SELECT h.Id AS SortId, 0 AS Part, h.FromStage, h.ToStage, h.ChangedAt, u.DisplayName AS ChangedBy, h.Note, NULL AS Escalation, NULL AS DueAt
        FROM TaskStageHistory h LEFT JOIN AppUser u ON u.Id = h.ChangedByUserId
        WHERE h.TaskId = @TaskId
        UNION ALL
        SELECT e.Id, 1, e.Stage, e.Stage, e.EscalatedAt, NULL, NULL, e.Kind, e.DueAt
        FROM TaskEscalation e
        WHERE e.TaskId = @TaskId
        ORDER BY ChangedAt, Part, SortId;
        """;

    private const string AssigneesSql = """
        SELECT m.Id AS MemberId, m.Name,
               CASE WHEN EXISTS (SELECT 1 FROM PointEntry pe WHERE pe.TaskId = a.TaskId AND pe.MemberId = m.Id AND pe.Source = 'Task') THEN 1 ELSE 0 END AS Credited
        FROM TaskAssignee a JOIN Member m ON m.Id = a.MemberId
        WHERE a.TaskId = @TaskId
        ORDER BY m.Name;
        """;

    /// <summary>A task, its timeline and its named assignees; null when there is no such task.</summary>
    public async Task<(TaskDetail Task, IReadOnlyList<StageChange> History, IReadOnlyList<Assignee> Assignees)?> DetailAsync(int taskId, CancellationToken ct = default)
    {
        var args = new { TaskId = taskId };
        await using var conn = await db.OpenAsync(ct);
        var task = await conn.QuerySingleOrDefaultAsync<TaskDetail>(new CommandDefinition(DetailSql, args, cancellationToken: ct));
        if (task is null)
        {
            return null;
        }
        var history = await conn.QueryAsync<StageChange>(new CommandDefinition(HistorySql, args, cancellationToken: ct));
        var assignees = await conn.QueryAsync<Assignee>(new CommandDefinition(AssigneesSql, args, cancellationToken: ct));
        return (task, history.AsList(), assignees.AsList());
    }

    // Cohort by the month a task was received (its 'Collected' history row, on the indexed month key); the outcome
    // of each task is read from its current row and its own history, aggregated once per task before counting.
    // The inner query starts from the community's tasks and reads only their timelines (IX_TaskStageHistory_TaskId_ToStage),
    // rather than aggregating every community's history first.
    private const string RatesSql = """
        SELECT x.Month,
               COUNT(*) AS Received,
               SUM(CASE WHEN x.Stage = 'Closed' THEN 1 ELSE 0 END) AS Closed,
               SUM(CASE WHEN x.Stage = 'Closed' AND x.DueAt IS NOT NULL AND x.ClosedAt <= x.DueAt THEN 1 ELSE 0 END) AS OnTime,
               SUM(CASE WHEN x.Resolved > 0 THEN 1 ELSE 0 END) AS ReachedFeedback,
               SUM(CASE WHEN x.Visits > 0 THEN 1 ELSE 0 END) AS Visited,
               SUM(x.Reopens) AS Reopens
        FROM (
            SELECT c.ChangedMonth AS Month, rt.Stage, rt.DueAt, rt.ClosedAt,
                   SUM(CASE WHEN h.ToStage = 'Resolved' THEN 1 ELSE 0 END) AS Resolved,
                   SUM(CASE WHEN h.FromStage = 'Resolved' THEN 1 ELSE 0 END) AS Visits,
                   SUM(CASE WHEN h.FromStage = 'Resolved' AND h.ToStage = 'Assigned' THEN 1 ELSE 0 END) AS Reopens
            FROM TaskStageHistory c
            JOIN ResidentTask rt ON rt.Id = c.TaskId
            JOIN Grid g ON g.Id = rt.GridId
            JOIN TaskStageHistory h ON h.TaskId = c.TaskId
            WHERE g.CommunityId = @CommunityId AND c.ToStage = 'Collected' AND c.ChangedMonth BETWEEN @FromMonth AND @ToMonth
            GROUP BY c.Id, c.ChangedMonth, rt.Id, rt.Stage, rt.DueAt, rt.ClosedAt
        ) x
        GROUP BY x.Month
        ORDER BY x.Month;
        """;

    /// <summary>The monthly cohorts of a period, one entry per month (empty months included).</summary>
    public async Task<IReadOnlyList<MonthRates>> RatesAsync(int communityId, Period period, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = (await conn.QueryAsync<MonthRates>(new CommandDefinition(RatesSql,
            new { CommunityId = communityId, period.FromMonth, period.ToMonth }, cancellationToken: ct))).ToDictionary(r => r.Month);
        var months = new List<MonthRates>();
        for (var m = period.From; m < period.To; m = m.AddMonths(1))
        {
            var key = m.Year * 100 + m.Month;
            months.Add(rows.GetValueOrDefault(key) ?? new MonthRates { Month = key });
        }
        return months;
    }

    private const string OverdueSql = TaskQueries.RowSelectFragment + """
        WHERE g.CommunityId = @CommunityId AND rt.Stage <> 'Closed' AND rt.DueAt < @Now
        ORDER BY rt.DueAt;
        """;

    /// <summary>Open tasks past their due time, most overdue first.</summary>
    public async Task<IReadOnlyList<TaskRow>> OverdueAsync(int communityId, DateTime now, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<TaskRow>(new CommandDefinition(OverdueSql, new { CommunityId = communityId, Now = now }, cancellationToken: ct))).AsList();
    }
}
