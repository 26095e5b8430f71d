using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Tasks;

/// <summary>
/// The 督办 list: open tasks whose current stage was escalated to 督办, across the communities
/// <see cref="TaskRules.SupervisionViewFor"/> lets the actor see, most overdue first, paged in SQL.
/// </summary>
public sealed class SupervisionQueries(DbConnectionFactory db)
{
    private const string FromFragment = """
        FROM TaskEscalation e
        JOIN ResidentTask rt ON rt.Id = e.TaskId
        JOIN Grid g ON g.Id = rt.GridId
        JOIN Community c ON c.Id = g.CommunityId
        LEFT JOIN Team t ON t.Id = rt.AssignedTeamId
        WHERE e.Kind = 'Supervise' AND rt.Stage IN ('Identified', 'Assigned')
          AND e.StageEntryId = (SELECT MAX(x.Id) FROM TaskStageHistory x WHERE x.TaskId = rt.Id)
          AND (@All = 1 OR c.SubDistrictId = @SubDistrictId OR c.Id = @CommunityId)
          AND (@Q IS NULL OR rt.Title LIKE @Q ESCAPE '\' OR c.Name LIKE @Q ESCAPE '\' OR g.Name LIKE @Q ESCAPE '\' OR t.Name LIKE @Q ESCAPE '\')

        """;

    private const string SelectFragment = """
        SELECT rt.Id AS TaskId, rt.Title, c.Id AS CommunityId, c.Name AS Community, g.Name AS Grid, t.Name AS Team,
               rt.Stage, rt.Urgency, rt.DueAt, e.EscalatedAt AS SupervisedAt

        """ + FromFragment + "ORDER BY rt.DueAt, rt.Id\n";

    private const string PageSqlServer = SelectFragment + "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = SelectFragment + "LIMIT @Take OFFSET @Skip;";

    private const string CountSql = "SELECT COUNT(*)\n" + FromFragment + ";";

    /// <summary>One page of the actor's 督办 list, optionally only tasks whose title, community, grid or team contains <paramref name="search"/>.</summary>
    public async Task<ListPage<SupervisionRow>> PageAsync(Actor actor, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        if (TaskRules.SupervisionViewFor(actor) is not { } view)
        {
            return new ListPage<SupervisionRow>([], 0, page, pageSize);
        }
        var args = new
        {
            All = view.All ? 1 : 0, view.SubDistrictId, view.CommunityId, Q = SearchText.Contains(search),
            Skip = (page - 1) * pageSize, Take = pageSize,
        };
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<SupervisionRow>(new CommandDefinition(db.IsSqlite ? PageSqlite : PageSqlServer, args, cancellationToken: ct));
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        return new ListPage<SupervisionRow>(rows.AsList(), total, page, pageSize);
    }
}
