using Baihe.Data.Database;
using Baihe.Data.Tasks;
using Baihe.Data.Wishes;
using Dapper;

namespace Baihe.Data.Communities;

/// <summary>Reads grids, one at a time or side by side for comparison.</summary>
public sealed class GridQueries(DbConnectionFactory db)
{
    private const string SummaryFragment = """
        SELECT g.Id, g.CommunityId, g.Name,
               (SELECT COUNT(*) FROM Member m WHERE m.GridId = g.Id) AS Residents,
               (SELECT COUNT(*) FROM Member m WHERE m.GridId = g.Id AND m.IsNeighbourLead = 1) AS NeighbourLeads,
               (SELECT COUNT(*) FROM ResidentTask rt WHERE rt.GridId = g.Id AND rt.Stage <> 'Closed') AS OpenTasks,
               (SELECT COUNT(*) FROM ResidentTask rt WHERE rt.GridId = g.Id AND rt.Stage <> 'Closed' AND rt.DueAt < @Now) AS OverdueTasks,
               (SELECT COUNT(*) FROM ResidentTask rt WHERE rt.GridId = g.Id AND rt.ClosedMonth BETWEEN @FromMonth AND @ToMonth) AS TasksDone,
               (SELECT COUNT(*) FROM MicroWish w WHERE w.GridId = g.Id AND w.FulfilledMonth BETWEEN @FromMonth AND @ToMonth) AS WishesFulfilled,
               (SELECT COALESCE(SUM(pe.Points), 0) FROM PointEntry pe JOIN Member m ON m.Id = pe.MemberId
                 WHERE m.GridId = g.Id AND pe.Points > 0 AND pe.OccurredOn >= @From AND pe.OccurredOn < @To) AS PointsEarned
        FROM Grid g
        """;

    private const string CompareSql = SummaryFragment + "\nWHERE g.CommunityId = @CommunityId\nORDER BY g.SortOrder;";

    private const string OneSql = SummaryFragment + "\nWHERE g.Id = @GridId;";

    private const string LeadsSql = """
        SELECT m.Id AS MemberId, m.Name, m.Skill FROM Member m WHERE m.GridId = @GridId AND m.IsNeighbourLead = 1 ORDER BY m.Name;
        """;

    private const string OpenTasksSql = TaskQueries.RowSelectFragment + """
        WHERE rt.GridId = @GridId AND rt.Stage <> 'Closed'
        ORDER BY rt.DueAt, rt.CollectedAt;
        """;

    private const string WishesFragment = WishQueries.RowSelectFragment + """
        WHERE w.GridId = @GridId
        ORDER BY w.PublishedAt DESC, w.Id DESC

        """;

    private const string WishesSqlServer = WishesFragment + "OFFSET 0 ROWS FETCH NEXT 20 ROWS ONLY;";

    private const string WishesSqlite = WishesFragment + "LIMIT 20;";

    /// <summary>Every grid of a community side by side, for officials comparing them.</summary>
    public async Task<IReadOnlyList<GridSummary>> CompareAsync(int communityId, Period period, DateTime now, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<GridSummary>(new CommandDefinition(CompareSql,
            new { CommunityId = communityId, Now = now, period.From, period.To, period.FromMonth, period.ToMonth }, cancellationToken: ct))).AsList();
    }

    /// <summary>One grid's page, or null when there is no such grid.</summary>
    public async Task<GridDetail?> PageAsync(int gridId, Period period, DateTime now, CancellationToken ct = default)
    {
        var args = new { GridId = gridId, Now = now, period.From, period.To, period.FromMonth, period.ToMonth };
        await using var conn = await db.OpenAsync(ct);
        var grid = await conn.QuerySingleOrDefaultAsync<GridSummary>(new CommandDefinition(OneSql, args, cancellationToken: ct));
        if (grid is null)
        {
            return null;
        }
        var leads = await conn.QueryAsync<GridLead>(new CommandDefinition(LeadsSql, args, cancellationToken: ct));
        var tasks = await conn.QueryAsync<TaskRow>(new CommandDefinition(OpenTasksSql, args, cancellationToken: ct));
        var wishes = await conn.QueryAsync<WishRow>(new CommandDefinition(db.IsSqlite ? WishesSqlite : WishesSqlServer, args, cancellationToken: ct));
        return new GridDetail(grid, leads.AsList(), tasks.AsList(), wishes.AsList());
    }
}
