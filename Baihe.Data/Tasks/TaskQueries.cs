using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Tasks;

/// <summary>Reads 民呼我应 tasks, paged in SQL.</summary>
public sealed class TaskQueries(DbConnectionFactory db)
{
    private const string FromFragment = """
        FROM ResidentTask rt
        JOIN Grid g ON g.Id = rt.GridId
        LEFT JOIN Member r ON r.Id = rt.ResidentId
        LEFT JOIN Team t ON t.Id = rt.AssignedTeamId

        """;

    /// <summary>
    /// The task's escalation in its current stage (Supervise, Remind or null): escalations of an earlier stage entry no
    /// longer count once the task has moved. 'Supervise' sorts after 'Remind', so MAX gives the stronger one.
    /// </summary>
    internal const string EscalationFragment = """
        (SELECT MAX(e.Kind) FROM TaskEscalation e
         WHERE e.TaskId = rt.Id AND rt.Stage IN ('Identified', 'Assigned')
           AND e.StageEntryId = (SELECT MAX(x.Id) FROM TaskStageHistory x WHERE x.TaskId = rt.Id)) AS Escalation
        """;

    /// <summary>The columns of a <see cref="TaskRow"/> and the joins they need; every task list starts with this.</summary>
    internal const string RowSelectFragment = """
        SELECT rt.Id, rt.Title, rt.Category, rt.Source, rt.Urgency, rt.Stage, g.Name AS Grid,
               r.Name AS Resident, t.Name AS Team, rt.CollectedAt, rt.DueAt, rt.ClosedAt, rt.Satisfaction,
        """ + EscalationFragment + """


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
