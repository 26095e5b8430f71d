using System.Data.Common;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Tasks;

/// <summary>The 民呼我应 workflow's reads: one task, the monthly rates, and what is overdue.</summary>
/// <remarks>The clock decides "already overdue" for 按时办结率 and the options the 响应率 window; both default when not given.</remarks>
public sealed class TaskWorkflowQueries(DbConnectionFactory db, BaiheClock? clock = null, TaskOptions? options = null)
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
               rt.CollectedAt, rt.DueAt, rt.ClosedAt, rt.Resolution, rt.Satisfaction, rt.Result, rt.PhotoPath, CAST(rt.RowVersion AS BIGINT) AS RowVersion,
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

    private const string SubDistrictSql = "SELECT SubDistrictId FROM Community WHERE Id = @CommunityId;";

    /// <summary>
    /// The rates of <paramref name="communityId"/>'s tasks received in each month of <paramref name="period"/>, one entry per
    /// month (empty months included), counted by the one rate query the dashboards use.
    /// </summary>
    public async Task<IReadOnlyList<MonthRates>> RatesAsync(int communityId, Period period, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var subDistrict = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(SubDistrictSql, new { CommunityId = communityId }, cancellationToken: ct));
        var rows = subDistrict is int sd
            ? await Dashboard.RateSql.ReadAsync(conn, db.IsSqlite,
                new Dashboard.DashboardArgs(sd, communityId, null, period.From, period.To, clock?.Now ?? DateTime.Now), options ?? TaskOptions.Default, ct)
            : [];
        var byMonth = rows.GroupBy(r => r.Month).ToDictionary(g => g.Key, g => MonthRates.Sum(g) with { Month = g.Key });
        var months = new List<MonthRates>();
        for (var m = period.From; m < period.To; m = m.AddMonths(1))
        {
            var key = m.Year * 100 + m.Month;
            months.Add(byMonth.GetValueOrDefault(key) ?? new MonthRates { Month = key });
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
