using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Teams;

/// <summary>Team kinds as stored in <c>Team.Kind</c>.</summary>
public static class TeamKind
{
    /// <summary>志愿服务队.</summary>
    public const string VolunteerService = "VolunteerService";

    /// <summary>兴趣队伍.</summary>
    public const string InterestGroup = "InterestGroup";
}

/// <summary>A team in the list of 队伍.</summary>
public sealed record TeamRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Brand { get; init; } = "";
    public string? Description { get; init; }
    public bool IsSample { get; init; }
    public string? LeadName { get; init; }
    public int Members { get; init; }
    public int CommunityId { get; init; }
}

/// <summary>An active member on a team's roster.</summary>
public sealed record RosterRow
{
    public int MembershipId { get; init; }
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public string? Phone { get; init; }
    public string Role { get; init; } = "";
    public DateTime JoinedOn { get; init; }
    public string Grid { get; init; } = "";
    public bool IsPartyMember { get; init; }
    public bool IsNeighbourLead { get; init; }
    public bool IsSample { get; init; }
    public string? Skill { get; init; }
}

/// <summary>A team with its current roster.</summary>
public sealed record TeamDetail(TeamRow Team, IReadOnlyList<RosterRow> Roster);

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
               g.Name AS Grid, m.IsPartyMember, m.IsNeighbourLead, m.IsSample, m.Skill
        FROM Membership ms
        JOIN Member m ON m.Id = ms.MemberId
        JOIN Grid g ON g.Id = m.GridId
        WHERE ms.TeamId = @TeamId AND ms.LeftOn IS NULL
        ORDER BY CASE ms.Role WHEN 'Lead' THEN 0 WHEN 'Deputy' THEN 1 ELSE 2 END, ms.JoinedOn, m.Id;
        """;

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
}
