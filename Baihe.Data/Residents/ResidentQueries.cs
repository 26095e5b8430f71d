using System.Data.Common;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Residents;

/// <summary>
/// Reads a resident's <see cref="MemberScope"/>: pages load it to ask a rule which actions to show, and write commands
/// load the same scope inside their transaction to ask the same rule.
/// </summary>
public sealed class ResidentQueries(DbConnectionFactory db)
{
    private const string CommunitySql = """
        SELECT g.CommunityId FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE m.Id = @MemberId;
        """;

    // In the order the memberships were recorded: the first is the home team (see MemberScope.HomeTeamId).
    private const string CurrentTeamsSql = """
        SELECT ms.TeamId FROM Membership ms WHERE ms.MemberId = @MemberId AND ms.LeftOn IS NULL ORDER BY ms.Id;
        """;

    // Every current member of one team with all their current memberships, for a roster page: one query, not one per row.
    private const string RosterScopesSql = """
        SELECT m.Id AS MemberId, g.CommunityId, ms.TeamId
        FROM Membership mine
        JOIN Member m ON m.Id = mine.MemberId
        JOIN Grid g ON g.Id = m.GridId
        JOIN Membership ms ON ms.MemberId = m.Id AND ms.LeftOn IS NULL
        WHERE mine.TeamId = @TeamId AND mine.LeftOn IS NULL
        ORDER BY m.Id, ms.Id;
        """;

    /// <summary>The resident's community and current teams, or null when there is no such resident.</summary>
    public async Task<MemberScope?> ScopeAsync(int memberId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await ScopeAsync(conn, null, memberId, ct);
    }

    /// <summary>The scope of every current member of a team, by member id, for a roster page to ask the rules per row.</summary>
    public async Task<IReadOnlyDictionary<int, MemberScope>> RosterScopesAsync(int teamId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<(int MemberId, int CommunityId, int TeamId)>(new CommandDefinition(RosterScopesSql, new { TeamId = teamId }, cancellationToken: ct));
        return rows.GroupBy(r => r.MemberId)
            .ToDictionary(g => g.Key, g => Scope(g.Key, g.First().CommunityId, g.Select(r => r.TeamId).ToList()));
    }

    /// <summary>The same scope, read inside a write command's transaction.</summary>
    internal static Task<MemberScope?> ScopeAsync(WriteScope w, int memberId) =>
        ScopeAsync(w.Connection, w.Transaction, memberId, w.CancellationToken);

    private static async Task<MemberScope?> ScopeAsync(DbConnection conn, DbTransaction? tx, int memberId, CancellationToken ct)
    {
        var community = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(CommunitySql, new { MemberId = memberId }, tx, cancellationToken: ct));
        if (community is not int communityId)
        {
            return null;
        }
        var teams = (await conn.QueryAsync<int>(new CommandDefinition(CurrentTeamsSql, new { MemberId = memberId }, tx, cancellationToken: ct))).AsList();
        return Scope(memberId, communityId, teams);
    }

    /// <summary>A scope from the current teams in the order their memberships were recorded.</summary>
    private static MemberScope Scope(int memberId, int communityId, List<int> teamsInRecordedOrder) =>
        new(memberId, communityId, teamsInRecordedOrder.Order().ToList(), teamsInRecordedOrder.Count > 0 ? teamsInRecordedOrder[0] : null);
}
