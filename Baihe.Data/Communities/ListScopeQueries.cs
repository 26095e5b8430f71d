using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Communities;

/// <summary>
/// Checks the grid and team a list's link narrows to against the community the list shows (already resolved for the
/// actor by <see cref="CommunityQueries.ResolveAsync"/>). An id that exists nowhere is a typing slip: it is reported
/// and dropped. An id of another community is refused and audited, never replaced: a forged link must not show a
/// list under another grid's or team's name.
/// </summary>
public sealed class ListScopeQueries(DbConnectionFactory db, BaiheClock clock)
{
    private const string GridsSql = "SELECT g.Id, g.Name FROM Grid g WHERE g.CommunityId = @CommunityId ORDER BY g.SortOrder, g.Id;";

    private const string TeamsSql = "SELECT t.Id, t.Name FROM Team t WHERE t.CommunityId = @CommunityId ORDER BY t.SortOrder, t.Id;";

    private const string GridCommunitySql = "SELECT g.CommunityId FROM Grid g WHERE g.Id = @Id;";

    private const string TeamCommunitySql = "SELECT t.CommunityId FROM Team t WHERE t.Id = @Id;";

    /// <summary>The choices of <paramref name="communityId"/> and the verdict on <paramref name="gridId"/> and <paramref name="teamId"/>.</summary>
    public async Task<ListScope> CheckAsync(Actor actor, int communityId, int? gridId, int? teamId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var args = new { CommunityId = communityId };
        var grids = (await conn.QueryAsync<ListChoice>(new CommandDefinition(GridsSql, args, cancellationToken: ct))).AsList();
        var teams = (await conn.QueryAsync<ListChoice>(new CommandDefinition(TeamsSql, args, cancellationToken: ct))).AsList();
        var problems = new List<string>();

        async Task<(int? Id, string? Refusal)> CheckOneAsync(int? id, List<ListChoice> choices, string ownerSql, string entity, string what, string refused)
        {
            if (id is not int asked || choices.Any(c => c.Id == asked))
            {
                return (id, null);
            }
            var owner = await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(ownerSql, new { Id = asked }, cancellationToken: ct));
            if (owner is null)
            {
                problems.Add($"找不到编号为 {asked} 的{what}，已改为不按{what}筛选。");
                return (null, null);
            }
            var denied = await Journal.DeniedAsync(db, actor, clock.Now, entity + ".Read", entity, asked, new { CommunityId = communityId }, ct, refused);
            return (null, denied.Message);
        }

        var (grid, gridRefusal) = await CheckOneAsync(gridId, grids, GridCommunitySql, "Grid", "网格", ListScope.GridRefused);
        var (team, teamRefusal) = await CheckOneAsync(teamId, teams, TeamCommunitySql, "Team", "队伍", ListScope.TeamRefused);
        return new ListScope(grids, teams, grid, team, problems, gridRefusal ?? teamRefusal);
    }
}
