using System.Data.Common;
using Baihe.Data.Accounts;
using Dapper;

namespace Baihe.Data.Points;

/// <summary>
/// Who may act for a resident in the points screens: the secretary of the resident's community, or the lead of a
/// team the resident is currently on.
/// </summary>
internal static class MemberAccess
{
    private const string ScopeSql = """
        SELECT g.CommunityId,
               (SELECT COUNT(*) FROM Membership ms WHERE ms.MemberId = m.Id AND ms.TeamId = @TeamId AND ms.LeftOn IS NULL) AS OnTeam
        FROM Member m
        JOIN Grid g ON g.Id = m.GridId
        WHERE m.Id = @MemberId;
        """;

    /// <summary>Null when the member does not exist; otherwise whether the actor may act for them.</summary>
    public static async Task<(int CommunityId, bool Allowed)?> CheckAsync(DbConnection conn, DbTransaction tx, Actor actor, int memberId, CancellationToken ct)
    {
        var r = await conn.QuerySingleOrDefaultAsync<ScopeRow>(new CommandDefinition(ScopeSql,
            new { MemberId = memberId, TeamId = actor.TeamId ?? 0 }, tx, cancellationToken: ct));
        if (r is null)
        {
            return null;
        }
        return (r.CommunityId, actor.IsSecretaryOf(r.CommunityId) || (actor.Role == Roles.Lead && r.OnTeam > 0));
    }

    private sealed record ScopeRow
    {
        public int CommunityId { get; init; }
        public int OnTeam { get; init; }
    }
}
