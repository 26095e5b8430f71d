using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Teams;

/// <summary>Reads teams and rosters.</summary>
public sealed class TeamQueries(DbConnectionFactory db)
{
    private const string TeamSelectFragment = """
        SELECT t.Id, t.Name, t.Kind, b.Name AS Brand, t.Description, t.IsSample,
               (SELECT m.Name FROM Membership ms JOIN Member m ON m.Id = ms.MemberId
                 WHERE ms.TeamId = t.Id AND ms.Role = 'Lead' AND ms.LeftOn IS NULL) AS LeadName,
               (SELECT COUNT(*) FROM Membership ms WHERE ms.TeamId = t.Id AND ms.LeftOn IS NULL) AS Members,
               t.CommunityId
        FROM Team t
        JOIN Brand b ON b.Id = t.BrandId
        """;

    private const string ListSql = TeamSelectFragment + """

        WHERE t.CommunityId = @CommunityId
        ORDER BY t.SortOrder;
        """;

    /// <summary>The teams of a community: volunteer service teams first, then interest groups.</summary>
    public async Task<IReadOnlyList<TeamRow>> ListAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<TeamRow>(new CommandDefinition(ListSql, new { CommunityId = communityId }, cancellationToken: ct));
        return rows.AsList();
    }

    private const string OneSql = TeamSelectFragment + """

        WHERE t.Id = @TeamId;
        """;

    private const string RosterSql = """
        SELECT ms.Id AS MembershipId, m.Id AS MemberId, m.Name, m.Phone, ms.Role, ms.JoinedOn,
               g.Name AS Grid, m.IsPartyMember, m.IsNeighbourLead, m.IsSample, m.Skill,
               CAST(ms.RowVersion AS BIGINT) AS MembershipVersion, CAST(m.RowVersion AS BIGINT) AS MemberVersion
        FROM Membership ms
        JOIN Member m ON m.Id = ms.MemberId
        JOIN Grid g ON g.Id = m.GridId
        WHERE ms.TeamId = @TeamId AND ms.LeftOn IS NULL
        ORDER BY CASE ms.Role WHEN 'Lead' THEN 0 WHEN 'Deputy' THEN 1 ELSE 2 END, ms.JoinedOn, m.Id;
        """;

    /// <summary>A team with its lead and head count, without its roster, or null when there is no such team.</summary>
    public async Task<TeamRow?> TeamAsync(int teamId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<TeamRow>(new CommandDefinition(OneSql, new { TeamId = teamId }, cancellationToken: ct));
    }

    /// <summary>A team and its active roster, or null when there is no such team.</summary>
    public async Task<TeamDetail?> DetailAsync(int teamId, CancellationToken ct = default)
    {
        var args = new { TeamId = teamId };
        await using var conn = await db.OpenAsync(ct);
        var team = await conn.QuerySingleOrDefaultAsync<TeamRow>(new CommandDefinition(OneSql, args, cancellationToken: ct));
        if (team is null)
        {
            return null;
        }
        var roster = await conn.QueryAsync<RosterRow>(new CommandDefinition(RosterSql, args, cancellationToken: ct));
        return new TeamDetail(team, roster.AsList());
    }

    private const string HistorySql = """
        SELECT ms.Id AS MembershipId, m.Name, ms.Role, ms.JoinedOn, ms.LeftOn, ms.LeaveReason
        FROM Membership ms
        JOIN Member m ON m.Id = ms.MemberId
        WHERE ms.TeamId = @TeamId
        ORDER BY CASE WHEN ms.LeftOn IS NULL THEN ms.JoinedOn WHEN ms.LeftOn > ms.JoinedOn THEN ms.LeftOn ELSE ms.JoinedOn END DESC, ms.Id DESC;
        """;

    /// <summary>Everyone who ever joined the team, newest event first; leavers keep their row.</summary>
    public async Task<IReadOnlyList<RosterHistoryRow>> HistoryAsync(int teamId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<RosterHistoryRow>(new CommandDefinition(HistorySql, new { TeamId = teamId }, cancellationToken: ct))).AsList();
    }

    private const string SearchFragment = """
        SELECT m.Id, m.Name, m.Phone, g.Name AS Grid
        FROM Member m
        JOIN Grid g ON g.Id = m.GridId
        WHERE g.CommunityId = @CommunityId AND (m.Name LIKE @Prefix OR m.Phone LIKE @Prefix)
        ORDER BY m.Name, m.Id

        """;

    private const string SearchSqlServer = SearchFragment + "OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY;";

    private const string SearchSqlite = SearchFragment + "LIMIT 10;";

    /// <summary>Up to ten residents of a community whose name or phone starts with the text typed.</summary>
    public async Task<IReadOnlyList<ResidentMatch>> SearchResidentsAsync(int communityId, string? text, CancellationToken ct = default)
    {
        var term = (text ?? "").Trim();
        if (term.Length == 0)
        {
            return [];
        }
        // LIKE wildcards typed by the user are dropped: the search is a plain prefix match.
        var prefix = term.Replace("[", "").Replace("%", "").Replace("_", "") + "%";
        await using var conn = await db.OpenAsync(ct);
        var sql = db.IsSqlite ? SearchSqlite : SearchSqlServer;
        return (await conn.QueryAsync<ResidentMatch>(new CommandDefinition(sql, new { CommunityId = communityId, Prefix = prefix }, cancellationToken: ct))).AsList();
    }
}
