using Baihe.Data.Database;
using Baihe.Data.Leaders;
using Baihe.Data.Members;
using Dapper;

namespace Baihe.Data.Brands;

/// <summary>Reads the brand matrix.</summary>
public sealed class BrandQueries(DbConnectionFactory db, PeopleQueries people, LeaderQueries leaders, BaiheClock clock)
{
    private const string BrandsSql = """
        SELECT b.Id, b.ParentBrandId, b.Name, b.Description
        FROM Brand b
        ORDER BY b.SortOrder, b.Id;
        """;

    private const string TeamsSql = """
        SELECT t.Id, t.BrandId, t.Name, t.Kind, t.IsSample, COUNT(ms.Id) AS Members
        FROM Team t
        LEFT JOIN Membership ms ON ms.TeamId = t.Id AND 
        """ + PeopleSql.OnRosterFragment + """

        WHERE t.CommunityId = @CommunityId
        GROUP BY t.Id, t.BrandId, t.Name, t.Kind, t.IsSample, t.SortOrder
        ORDER BY t.SortOrder;
        """;

    private const string MembersSql = """
        SELECT ms.TeamId, m.Id AS MemberId, m.Name, ms.Role, m.IsNeighbourLead
        FROM Membership ms
        JOIN Team t ON t.Id = ms.TeamId
        JOIN Member m ON m.Id = ms.MemberId
        WHERE t.CommunityId = @CommunityId AND 
        """ + PeopleSql.OnRosterFragment + """

        ORDER BY ms.TeamId,
                 CASE ms.Role WHEN 'Lead' THEN 0 WHEN 'Deputy' THEN 1 ELSE 2 END,
                 ms.JoinedOn, m.Id;
        """;

    /// <summary>
    /// Loads the whole tree of a community (it is small: hundreds of rows, so one read serves the page), its head counts
    /// now, and its leads' 服务次数 this half-year.
    /// </summary>
    public async Task<BrandMatrix> LoadAsync(int communityId, CancellationToken ct = default)
    {
        var now = clock.Now;
        var args = new { CommunityId = communityId, Now = now };
        await using var conn = await db.OpenAsync(ct);
        var brands = await conn.QueryAsync<BrandRow>(new CommandDefinition(BrandsSql, cancellationToken: ct));
        var teams = await conn.QueryAsync<BrandTeamRow>(new CommandDefinition(TeamsSql, args, cancellationToken: ct));
        var members = await conn.QueryAsync<BrandMemberRow>(new CommandDefinition(MembersSql, args, cancellationToken: ct));
        // The head counts come from the same query as the overview's tiles and the report's 概览, so the three agree.
        var counts = await people.CountsAsync(communityId, now, ct);
        var half = leaders.CurrentHalf;
        var services = await leaders.ServicesAsync(communityId, half, ct);
        return new BrandMatrix(brands.AsList(), teams.AsList(), members.AsList(), counts, services, half);
    }
}
