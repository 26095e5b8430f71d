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

    private const string CurrentTeamsSql = """
        SELECT ms.TeamId FROM Membership ms WHERE ms.MemberId = @MemberId AND ms.LeftOn IS NULL ORDER BY ms.TeamId;
        """;

    /// <summary>The resident's community and current teams, or null when there is no such resident.</summary>
    public async Task<MemberScope?> ScopeAsync(int memberId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await ScopeAsync(conn, null, memberId, ct);
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
        return new MemberScope(memberId, communityId, teams);
    }
}
