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
    private const string FilterFragment = """
        FROM ResidentTask rt
        JOIN Grid g ON g.Id = rt.GridId
        LEFT JOIN Member r ON r.Id = rt.ResidentId
        LEFT JOIN Team t ON t.Id = rt.AssignedTeamId
        WHERE g.CommunityId = @CommunityId AND (@Stage IS NULL OR rt.Stage = @Stage)
        """;

    private const string PageSelectFragment = """
        SELECT rt.Id, rt.Title, rt.Category, rt.Source, rt.Urgency, rt.Stage, g.Name AS Grid,
               r.Name AS Resident, t.Name AS Team, rt.CollectedAt, rt.DueAt, rt.ClosedAt, rt.Satisfaction

        """ + FilterFragment + """

        ORDER BY rt.CollectedAt DESC, rt.Id DESC

        """;

    private const string PageSqlServer = PageSelectFragment + "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = PageSelectFragment + "LIMIT @Take OFFSET @Skip;";

    private const string CountSql = "SELECT COUNT(*)\n" + FilterFragment + ";";

    /// <summary>One page of a community's tasks, newest first, optionally at one stage.</summary>
    public async Task<Page<TaskRow>> PageAsync(int communityId, string? stage, PageRequest page, CancellationToken ct = default)
    {
        var args = new { CommunityId = communityId, Stage = stage, page.Skip, page.Take };
        await using var conn = await db.OpenAsync(ct);
        var sql = db.IsSqlite ? PageSqlite : PageSqlServer;
        var rows = await conn.QueryAsync<TaskRow>(new CommandDefinition(sql, args, cancellationToken: ct));
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        return new Page<TaskRow>(rows.AsList(), total);
    }
}
