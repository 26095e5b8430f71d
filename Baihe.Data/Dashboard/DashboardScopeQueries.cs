using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Dashboard;

/// <summary>
/// Resolves a <see cref="DashboardFilter"/> against the actor. A sub-district, community or grid the actor may not
/// read, or a grid outside the chosen community, is refused and audited, never replaced by one they may read: a forged
/// link must not show other figures under the asked-for name.
/// </summary>
public sealed class DashboardScopeQueries(DbConnectionFactory db, BaiheClock clock, CommunityQueries communities)
{
    private const string SubDistrictsSql = "SELECT s.Id, s.Name FROM SubDistrict s ORDER BY s.Id;";

    private const string TeamsSql = "SELECT t.Id FROM Team t WHERE t.CommunityId = @CommunityId;";

    private const string GridSql = "SELECT g.Id, g.CommunityId, g.Name FROM Grid g WHERE g.Id = @GridId;";

    private sealed class SubDistrictName { public int Id { get; init; } public string Name { get; init; } = ""; }

    private sealed class GridPlace { public int Id { get; init; } public int CommunityId { get; init; } public string Name { get; init; } = ""; }

    /// <summary>
    /// The scope of <paramref name="filter"/> for <paramref name="actor"/>: officials read their 街道; administrators any
    /// (the filter's <c>subdistrict</c>, by default the first); secretaries and leads their community.
    /// </summary>
    public async Task<DashboardScopeChoice> ResolveAsync(Actor actor, DashboardFilter filter, CancellationToken ct = default)
    {
        var all = await communities.ListAsync(ct);
        await using var conn = await db.OpenAsync(ct);
        var subDistricts = (await conn.QueryAsync<SubDistrictName>(new CommandDefinition(SubDistrictsSql, cancellationToken: ct))).AsList();

        async Task<CommunityPlace> PlaceAsync(CommunityRow c) => new(c.Id, c.SubDistrictId,
            actor.Role == Roles.Lead
                ? (await conn.QueryAsync<int>(new CommandDefinition(TeamsSql, new { CommunityId = c.Id }, cancellationToken: ct))).AsList()
                : []);

        async Task<DashboardScopeChoice> RefuseAsync(string entity, int? id, string message)
        {
            var refusal = await Journal.DeniedAsync(db, actor, clock.Now, "Dashboard.Read", entity, id, filter.ToQuery(), ct, message);
            return new DashboardScopeChoice(null, refusal.Message);
        }

        // The grid names its community; a grid with a community asked for must be one of its grids.
        GridPlace? grid = null;
        if (filter.GridId is int gridId)
        {
            grid = await conn.QuerySingleOrDefaultAsync<GridPlace>(new CommandDefinition(GridSql, new { GridId = gridId }, cancellationToken: ct));
            if (grid is null || (filter.CommunityId is int asked && asked != grid.CommunityId))
            {
                return await RefuseAsync("Grid", gridId, DashboardScopeChoice.GridRefused);
            }
        }

        CommunityRow? community = null;
        if ((filter.CommunityId ?? grid?.CommunityId) is int communityId)
        {
            community = all.FirstOrDefault(c => c.Id == communityId);
            if (community is null || !DashboardRules.CanReadCommunity(actor, await PlaceAsync(community)))
            {
                return filter.CommunityId is null
                    ? await RefuseAsync("Grid", filter.GridId, DashboardScopeChoice.GridRefused)
                    : await RefuseAsync("Community", communityId, CommunityChoice.Refused);
            }
            if (filter.SubDistrictId is int s && s != community.SubDistrictId)
            {
                return await RefuseAsync("SubDistrict", s, DashboardScopeChoice.SubDistrictRefused);
            }
        }

        int subDistrictId;
        if (community is not null)
        {
            subDistrictId = community.SubDistrictId;
        }
        else if (filter.SubDistrictId is int asked)
        {
            if (subDistricts.All(s => s.Id != asked) || !DashboardRules.CanReadDistrict(actor, asked))
            {
                return await RefuseAsync("SubDistrict", asked, DashboardScopeChoice.SubDistrictRefused);
            }
            subDistrictId = asked;
        }
        else if (actor.Role == Roles.Official && actor.SubDistrictId is int own)
        {
            subDistrictId = own;
        }
        else if (actor.Role == Roles.Admin && subDistricts.Count > 0)
        {
            subDistrictId = subDistricts[0].Id;
        }
        else
        {
            // Secretaries and leads have no district view: their scope is their own community.
            var visible = await communities.VisibleToAsync(actor, ct);
            if (visible.Count == 0)
            {
                return new DashboardScopeChoice(null, CommunityChoice.NoneVisible);
            }
            community = visible[0];
            subDistrictId = community.SubDistrictId;
        }

        var readable = new List<CommunityRow>();
        foreach (var c in all.Where(c => c.SubDistrictId == subDistrictId))
        {
            if (DashboardRules.CanReadCommunity(actor, await PlaceAsync(c)))
            {
                readable.Add(c);
            }
        }
        if (readable.Count == 0)
        {
            return new DashboardScopeChoice(null, CommunityChoice.NoneVisible);
        }
        // Someone who may read only part of the sub-district never gets its district-wide figures.
        if (community is null && !DashboardRules.CanReadDistrict(actor, subDistrictId))
        {
            community = readable[0];
        }
        var name = subDistricts.FirstOrDefault(s => s.Id == subDistrictId)?.Name ?? "";
        return new DashboardScopeChoice(new DashboardScope(subDistrictId, name, readable, community, grid?.Id, grid?.Name, filter), null);
    }
}
