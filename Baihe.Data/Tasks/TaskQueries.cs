using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Tasks;

/// <summary>A 民呼我应 task in the list.</summary>
public sealed record TaskRow
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public string Category { get; init; } = "";
    public string Source { get; init; } = "";
    public string? Urgency { get; init; }
    public string Stage { get; init; } = "";
    public string Grid { get; init; } = "";
    public string? Resident { get; init; }
    public string? Team { get; init; }
    public DateTime CollectedAt { get; init; }
    public DateTime? DueAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string? Satisfaction { get; init; }
}

/// <summary>Reads 民呼我应 tasks, paged in SQL.</summary>
public sealed class TaskQueries(DbConnectionFactory db)
{
    private const string FromFragment = """
        FROM ResidentTask rt
        JOIN Grid g ON g.Id = rt.GridId
        LEFT JOIN Member r ON r.Id = rt.ResidentId
        LEFT JOIN Team t ON t.Id = rt.AssignedTeamId

        """;

    /// <summary>The columns of a <see cref="TaskRow"/> and the joins they need; every task list starts with this.</summary>
    internal const string RowSelectFragment = """
        SELECT rt.Id, rt.Title, rt.Category, rt.Source, rt.Urgency, rt.Stage, g.Name AS Grid,
               r.Name AS Resident, t.Name AS Team, rt.CollectedAt, rt.DueAt, rt.ClosedAt, rt.Satisfaction

        """ + FromFragment;

    private const string FilterFragment = """
        WHERE g.CommunityId = @CommunityId AND (@Stage IS NULL OR rt.Stage = @Stage)
          AND (@OverdueAt IS NULL OR (rt.Stage <> 'Closed' AND rt.DueAt < @OverdueAt))

        """;

    private const string PageSelectFragment = RowSelectFragment + FilterFragment + "ORDER BY rt.CollectedAt DESC, rt.Id DESC\n";

    private const string PageSqlServer = PageSelectFragment + "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = PageSelectFragment + "LIMIT @Take OFFSET @Skip;";

    private const string CountSql = "SELECT COUNT(*)\n" + FromFragment + FilterFragment + ";";

    /// <summary>
    /// One page of a community's tasks, newest first, optionally at one stage, or only those overdue at
    /// <paramref name="overdueAt"/>.
    /// </summary>
    public async Task<Page<TaskRow>> PageAsync(int communityId, string? stage, PageRequest page, DateTime? overdueAt = null, CancellationToken ct = default)
    {
        var args = new { CommunityId = communityId, Stage = stage, OverdueAt = overdueAt, page.Skip, page.Take };
        await using var conn = await db.OpenAsync(ct);
        var sql = db.IsSqlite ? PageSqlite : PageSqlServer;
        var rows = await conn.QueryAsync<TaskRow>(new CommandDefinition(sql, args, cancellationToken: ct));
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        return new Page<TaskRow>(rows.AsList(), total);
    }
}

/// <summary>A task with everything its page shows.</summary>
public sealed record TaskDetail
{
    public int Id { get; init; }
    public int GridId { get; init; }
    public string Grid { get; init; } = "";
    public int CommunityId { get; init; }
    public int? ResidentId { get; init; }
    public string? Resident { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Category { get; init; } = "";
    public string Source { get; init; } = "";
    public string? Urgency { get; init; }
    public string Stage { get; init; } = "";
    public int? AssignedTeamId { get; init; }
    public string? Team { get; init; }
    public int? DeliberationId { get; init; }
    public string? Deliberation { get; init; }
    public DateTime CollectedAt { get; init; }
    public DateTime? DueAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string? Resolution { get; init; }
    public string? Satisfaction { get; init; }
    public string? PhotoPath { get; init; }
    public long RowVersion { get; init; }
}

/// <summary>One line of a task's timeline.</summary>
public sealed record StageChange
{
    public string? FromStage { get; init; }
    public string ToStage { get; init; } = "";
    public DateTime ChangedAt { get; init; }
    public string? ChangedBy { get; init; }
    public string? Note { get; init; }
}

/// <summary>A named resident a task is assigned to, and whether they were credited for it.</summary>
public sealed record Assignee
{
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public bool Credited { get; init; }
}

/// <summary>
/// The month's cohort of tasks received, and what became of them. The rates are computed from these counts:
/// 办结率 = Closed / Received; 按时办结率 = OnTime / Closed; 回访率 = Visited / ReachedFeedback;
/// 满意率 = Closed / (Closed + Reopens) — every confirmation either closes a task or reopens it.
/// </summary>
public sealed record MonthRates
{
    public int Month { get; init; }
    public int Received { get; init; }
    public int Closed { get; init; }
    public int OnTime { get; init; }
    public int ReachedFeedback { get; init; }
    public int Visited { get; init; }
    public int Reopens { get; init; }

    public double? CloseRate => Received == 0 ? null : (double)Closed / Received;
    public double? OnTimeRate => Closed == 0 ? null : (double)OnTime / Closed;
    public double? VisitRate => ReachedFeedback == 0 ? null : (double)Visited / ReachedFeedback;
    public double? SatisfactionRate => Closed + Reopens == 0 ? null : (double)Closed / (Closed + Reopens);
}

/// <summary>The 民呼我应 workflow's reads: one task, the monthly rates, and what is overdue.</summary>
public sealed class TaskWorkflowQueries(DbConnectionFactory db)
{
    private const string DetailSql = """
        SELECT rt.Id, rt.GridId, g.Name AS Grid, g.CommunityId, rt.ResidentId, r.Name AS Resident, rt.Title, rt.Description,
               rt.Category, rt.Source, rt.Urgency, rt.Stage, rt.AssignedTeamId, t.Name AS Team, rt.DeliberationId, d.Topic AS Deliberation,
               rt.CollectedAt, rt.DueAt, rt.ClosedAt, rt.Resolution, rt.Satisfaction, rt.PhotoPath, CAST(rt.RowVersion AS BIGINT) AS RowVersion
        FROM ResidentTask rt
        JOIN Grid g ON g.Id = rt.GridId
        LEFT JOIN Member r ON r.Id = rt.ResidentId
        LEFT JOIN Team t ON t.Id = rt.AssignedTeamId
        LEFT JOIN Deliberation d ON d.Id = rt.DeliberationId
        WHERE rt.Id = @TaskId;
        """;

    private const string HistorySql = """
        SELECT h.FromStage, h.ToStage, h.ChangedAt, u.DisplayName AS ChangedBy, h.Note
        FROM TaskStageHistory h LEFT JOIN AppUser u ON u.Id = h.ChangedByUserId
        WHERE h.TaskId = @TaskId
        ORDER BY h.ChangedAt, h.Id;
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
