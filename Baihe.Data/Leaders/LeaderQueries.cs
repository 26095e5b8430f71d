using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Members;
using Dapper;

namespace Baihe.Data.Leaders;

/// <summary>
/// Reads the 百合邻长 of a community with their figures for the current half-year (the leaderboard's period).
/// A community has a few dozen leads, so the list is not paged; search, grid and order are applied in SQL.
/// </summary>
public sealed class LeaderQueries(DbConnectionFactory db, CommunityQueries communities, BaiheClock clock)
{
    // Points as PointsQueries.LeaderboardSql counts them (every source but redemptions, corrections included), so a
    // lead's figure here equals their line on 积分排行; services and activities count the entries that earned points.
    private const string EarnedFragment = """
        SELECT pe.MemberId, SUM(pe.Points) AS Points,
               SUM(CASE WHEN pe.Points > 0 THEN 1 ELSE 0 END) AS Services,
               SUM(CASE WHEN pe.Points > 0 AND pe.Source = 'Activity' THEN 1 ELSE 0 END) AS Activities
        FROM PointEntry pe
        JOIN Member em ON em.Id = pe.MemberId
        JOIN Grid eg ON eg.Id = em.GridId
        WHERE eg.CommunityId = @CommunityId AND em.IsNeighbourLead = 1 AND pe.Source <> 'Redemption'
          AND pe.OccurredOn >= @From AND pe.OccurredOn < @To
        GROUP BY pe.MemberId
        """;

    private const string ListSql = """
        SELECT m.Id AS MemberId, m.Name, m.GridId, g.Name AS Grid, m.Skill, m.IsPartyMember,
               COALESCE(p.Points, 0) AS Points, COALESCE(p.Services, 0) AS Services, COALESCE(p.Activities, 0) AS Activities,
               COALESCE(r.Redemptions, 0) AS Redemptions
        FROM Member m
        JOIN Grid g ON g.Id = m.GridId
        LEFT JOIN (
        """ + EarnedFragment + """
        ) p ON p.MemberId = m.Id
        LEFT JOIN (
            SELECT rd.MemberId, COUNT(*) AS Redemptions
            FROM Redemption rd
            JOIN Member rm ON rm.Id = rd.MemberId
            JOIN Grid rg ON rg.Id = rm.GridId
            WHERE rg.CommunityId = @CommunityId AND rm.IsNeighbourLead = 1 AND rd.RequestedAt >= @From AND rd.RequestedAt < @To
            GROUP BY rd.MemberId
        ) r ON r.MemberId = m.Id
        WHERE g.CommunityId = @CommunityId AND m.IsNeighbourLead = 1
          AND (@GridId IS NULL OR m.GridId = @GridId)
          AND (@Q IS NULL OR m.Name LIKE @Q ESCAPE '\' OR m.Skill LIKE @Q ESCAPE '\')
        ORDER BY CASE WHEN @Sort = 'grid' THEN g.SortOrder ELSE 0 END,
                 CASE @Sort WHEN 'name' THEN 0 WHEN 'services' THEN COALESCE(p.Services, 0) WHEN 'activities' THEN COALESCE(p.Activities, 0)
                            WHEN 'redemptions' THEN COALESCE(r.Redemptions, 0) ELSE COALESCE(p.Points, 0) END DESC,
                 m.Name, m.Id;
        """;

    private const string CountSql = """
        SELECT COUNT(*) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = @CommunityId AND m.IsNeighbourLead = 1;
        """;

    private const string ServicesSql = """
        SELECT COALESCE(SUM(x.Services), 0) FROM (
        """ + EarnedFragment + """
        ) x;
        """;

    /// <summary>The current half-year (一年两评选), as the leaderboard opens on it.</summary>
    public Period CurrentHalf => Period.HalfYear(clock.Today.Year, Period.HalfOf(clock.Today));

    /// <summary>
    /// The leads of the community in <paramref name="filter"/> (the actor's first one when none is named) with their
    /// figures for the current half-year. A community id the actor may not read is refused (and audited); a grid id that
    /// is not the community's adds a problem and is dropped.
    /// </summary>
    public async Task<LeaderList> ListAsync(Actor? actor, LeaderFilter filter, IReadOnlyList<string>? linkProblems = null, CancellationToken ct = default)
    {
        var problems = new List<string>(linkProblems ?? []);
        var period = CurrentHalf;
        var (community, refusal) = await communities.ResolveAsync(filter.CommunityId, actor, ct);
        if (community is null)
        {
            return new LeaderList(null, refusal, period, [], 0, [], problems);
        }
        var grids = (await communities.GridsAsync(community.Id, ct)).Select(g => new NamedOption { Id = g.Id, Name = g.Name }).ToList();
        var gridId = filter.GridId;
        if (gridId is int g && grids.All(x => x.Id != g))
        {
            problems.Add("链接中的网格不属于本社区，已显示全部网格。");
            gridId = null;
        }
        var sort = LeaderFilter.Sorts.Any(s => s.Key == filter.Sort) ? filter.Sort : LeaderFilter.ByPoints;
        await using var conn = await db.OpenAsync(ct);
        var args = new { CommunityId = community.Id, GridId = gridId, Q = SearchText.Contains(filter.Q), Sort = sort, period.From, period.To };
        var rows = (await conn.QueryAsync<LeaderRow>(new CommandDefinition(ListSql, args, cancellationToken: ct))).AsList();
        var all = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        return new LeaderList(community, null, period, rows, all, grids, problems);
    }

    /// <summary>服务次数 of all the community's leads in <paramref name="period"/>: the sum of the page's 服务次数 column.</summary>
    public async Task<int> ServicesAsync(int communityId, Period period, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(ServicesSql, new { CommunityId = communityId, period.From, period.To },
            cancellationToken: ct));
    }
}
