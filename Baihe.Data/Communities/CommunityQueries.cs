using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Communities;

/// <summary>Reads communities and their profile.</summary>
public sealed class CommunityQueries(DbConnectionFactory db, BaiheClock clock)
{
    private const string ListSql = """
        SELECT c.Id, c.SubDistrictId, c.Name, s.Name AS SubDistrict, s.District, s.City, c.Description
        FROM Community c
        JOIN SubDistrict s ON s.Id = c.SubDistrictId
        ORDER BY c.Id;
        """;

    /// <summary>All communities, oldest first; the first is the default one the dashboard opens on.</summary>
    public async Task<IReadOnlyList<CommunityRow>> ListAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<CommunityRow>(new CommandDefinition(ListSql, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>The first community (the one the embedded demo seeds), or null in an empty database.</summary>
    public async Task<CommunityRow?> FirstAsync(CancellationToken ct = default) => (await ListAsync(ct)).FirstOrDefault();

    private const string VisibleSql = """
        SELECT c.Id, c.SubDistrictId, c.Name, s.Name AS SubDistrict, s.District, s.City, c.Description
        FROM Community c
        JOIN SubDistrict s ON s.Id = c.SubDistrictId
        WHERE @Role = 'Admin'
           OR (@Role = 'Official' AND c.SubDistrictId = @SubDistrictId)
           OR (@Role = 'Secretary' AND c.Id = @CommunityId)
           OR (@Role = 'Lead' AND c.Id = (SELECT t.CommunityId FROM Team t WHERE t.Id = @TeamId))
        ORDER BY c.Id;
        """;

    /// <summary>
    /// The communities an actor may read: an official those of their sub-district, a secretary their community,
    /// a lead their team's community, an admin all.
    /// </summary>
    public async Task<IReadOnlyList<CommunityRow>> VisibleToAsync(Actor actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<CommunityRow>(new CommandDefinition(VisibleSql,
            new { actor.Role, actor.SubDistrictId, actor.CommunityId, actor.TeamId }, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>
    /// The community a page shows: the one asked for, or, when none was asked for, the first the actor may read.
    /// A community id that does not exist or lies outside the actor's scope is refused (and the refusal audited),
    /// never replaced by another community: a forged link must not show a different community's figures.
    /// </summary>
    public async Task<CommunityChoice> ResolveAsync(int? communityId, Actor? actor, CancellationToken ct = default)
    {
        if (actor is null)
        {
            return new CommunityChoice(null, AccessDeniedException.DefaultMessage);
        }
        var visible = await VisibleToAsync(actor, ct);
        if (communityId is null)
        {
            return new CommunityChoice(visible.FirstOrDefault(), visible.Count == 0 ? CommunityChoice.NoneVisible : null);
        }
        if (visible.FirstOrDefault(c => c.Id == communityId) is { } asked)
        {
            return new CommunityChoice(asked, null);
        }
        var refusal = await Journal.DeniedAsync(db, actor, clock.Now, "Community.Read", "Community", communityId, null, ct, CommunityChoice.Refused);
        return new CommunityChoice(null, refusal.Message);
    }

    private const string HonoursSql = """
        SELECT h.Title
        FROM CommunityHonour h
        WHERE h.CommunityId = @CommunityId
        ORDER BY h.SortOrder;
        """;

    private const string GridsSql = """
        SELECT g.Id, g.Name,
               COUNT(m.Id) AS Residents,
               COALESCE(SUM(CASE WHEN m.IsNeighbourLead = 1 THEN 1 ELSE 0 END), 0) AS NeighbourLeads
        FROM Grid g
        LEFT JOIN Member m ON m.GridId = g.Id
        WHERE g.CommunityId = @CommunityId
        GROUP BY g.Id, g.Name, g.SortOrder
        ORDER BY g.SortOrder;
        """;

    /// <summary>The grids of a community, in their order.</summary>
    public async Task<IReadOnlyList<GridRow>> GridsAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<GridRow>(new CommandDefinition(GridsSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    /// <summary>The profile of a community already resolved with <see cref="ResolveAsync(int?, Actor?, CancellationToken)"/>.</summary>
    public async Task<CommunityProfile> ProfileAsync(CommunityRow community, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var args = new { CommunityId = community.Id };
        var honours = await conn.QueryAsync<string>(new CommandDefinition(HonoursSql, args, cancellationToken: ct));
        var grids = await conn.QueryAsync<GridRow>(new CommandDefinition(GridsSql, args, cancellationToken: ct));
        return new CommunityProfile(community, honours.AsList(), grids.AsList());
    }
}
