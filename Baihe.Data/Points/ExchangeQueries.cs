using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Residents;
using Dapper;

namespace Baihe.Data.Points;

/// <summary>Reads the exchange catalogue and redemptions.</summary>
public sealed class ExchangeQueries(DbConnectionFactory db)
{
    private const string RewardsSql = """
        SELECT Id, Name, PointCost, IsActive, Description, CAST(RowVersion AS BIGINT) AS RowVersion
        FROM Reward WHERE CommunityId = @CommunityId
        ORDER BY IsActive DESC, PointCost, Name;
        """;

    private const string RedemptionsFragment = """
        SELECT r.Id, r.MemberId, m.Name AS Member, rw.Name AS Reward, r.Points, r.Status, r.RequestedAt, r.FulfilledAt
        FROM Redemption r
        JOIN Reward rw ON rw.Id = r.RewardId
        JOIN Member m ON m.Id = r.MemberId
        WHERE rw.CommunityId = @CommunityId
        ORDER BY CASE WHEN r.Status = 'Pending' THEN 0 ELSE 1 END, r.RequestedAt DESC, r.Id DESC

        """;

    private const string RedemptionsSqlServer = RedemptionsFragment + "OFFSET 0 ROWS FETCH NEXT 100 ROWS ONLY;";

    private const string RedemptionsSqlite = RedemptionsFragment + "LIMIT 100;";

    private const string RedemptionFilterFragment = """
        FROM Redemption r
        JOIN Reward rw ON rw.Id = r.RewardId
        JOIN Member m ON m.Id = r.MemberId
        WHERE rw.CommunityId = @CommunityId
          AND (@Q IS NULL OR m.Name LIKE @Q ESCAPE '\' OR rw.Name LIKE @Q ESCAPE '\')
          AND (@Status IS NULL OR r.Status = @Status)
          AND (@From IS NULL OR r.RequestedAt >= @From)
          AND (@To IS NULL OR r.RequestedAt < @To)
        """;

    private const string RedemptionCountSql = "SELECT COUNT(*)\n" + RedemptionFilterFragment + ";";

    private const string RedemptionPageFragment = """
        SELECT r.Id, r.MemberId, m.Name AS Member, rw.Name AS Reward, r.Points, r.Status, r.RequestedAt, r.FulfilledAt
        """ + "\n" + RedemptionFilterFragment + """

        ORDER BY CASE WHEN r.Status = 'Pending' THEN 0 ELSE 1 END, r.RequestedAt DESC, r.Id DESC
        """;

    private const string RedemptionPageSqlServer = RedemptionPageFragment + "\nOFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string RedemptionPageSqlite = RedemptionPageFragment + "\nLIMIT @Take OFFSET @Skip;";

    // The home team is the team of the earliest active membership (see MemberScope.HomeTeamId); a lead finds only the
    // residents whose home team is theirs, a secretary every resident of the community (@HomeTeamId null).
    private const string RedeemableFragment = """
        SELECT m.Id, m.Name, g.Name AS Grid, m.Phone AS PhoneTail, g.CommunityId,
               (SELECT ms.TeamId FROM Membership ms
                WHERE ms.MemberId = m.Id AND ms.Id = (SELECT MIN(x.Id) FROM Membership x WHERE x.MemberId = m.Id AND x.LeftOn IS NULL)) AS HomeTeamId,
               (SELECT COALESCE(SUM(pe.Points), 0) FROM PointEntry pe WHERE pe.MemberId = m.Id) AS Balance
        FROM Member m
        JOIN Grid g ON g.Id = m.GridId
        WHERE g.CommunityId = @CommunityId
          AND (m.Name LIKE @Q ESCAPE '\' OR (@Tail IS NOT NULL AND m.Phone LIKE @Tail ESCAPE '\'))
          AND (@HomeTeamId IS NULL OR EXISTS (
                SELECT 1 FROM Membership h
                WHERE h.MemberId = m.Id AND h.TeamId = @HomeTeamId
                  AND h.Id = (SELECT MIN(x.Id) FROM Membership x WHERE x.MemberId = m.Id AND x.LeftOn IS NULL)))
        ORDER BY m.Name, m.Id
        """;

    private const string RedeemableSqlServer = RedeemableFragment + "\nOFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY;";

    private const string RedeemableSqlite = RedeemableFragment + "\nLIMIT 10;";

    /// <summary>
    /// One page of a community's redemptions matching <paramref name="filter"/> (keyword in the resident's or the
    /// reward's name, status, request date), those still to hand over first, with the count of all that match.
    /// </summary>
    public async Task<ListPage<RedemptionRow>> SearchRedemptionsAsync(int communityId, PointsListFilter filter, CancellationToken ct = default)
    {
        var args = new
        {
            CommunityId = communityId, Q = SearchText.Contains(filter.Q), filter.Status, filter.From, To = filter.ToExclusive,
            filter.Skip, Take = PointsListFilter.PageSize,
        };
        await using var conn = await db.OpenAsync(ct);
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(RedemptionCountSql, args, cancellationToken: ct));
        var rows = await conn.QueryAsync<RedemptionRow>(new CommandDefinition(db.IsSqlite ? RedemptionPageSqlite : RedemptionPageSqlServer, args, cancellationToken: ct));
        return new ListPage<RedemptionRow>(rows.AsList(), total, filter.Page, PointsListFilter.PageSize);
    }

    /// <summary>
    /// Up to ten residents of a community the actor may redeem for (<see cref="PointsRules.CanActFor"/>) whose name
    /// contains <paramref name="text"/> or, when it is digits, whose phone ends with it; each with their balance.
    /// </summary>
    public async Task<IReadOnlyList<RedeemableMember>> RedeemableMembersAsync(Actor actor, int communityId, string? text, CancellationToken ct = default)
    {
        var q = SearchText.Contains(text);
        if (q is null || !PointsRules.MayActForResidentsOf(actor, communityId))
        {
            return [];
        }
        var term = text!.Trim();
        var tail = term.Length <= 11 && term.All(char.IsAsciiDigit) ? "%" + term : null;
        // Narrowed in SQL so a lead's ten rows are their own residents; the rule below stays the one answer.
        var homeTeamId = actor.IsSecretaryOf(communityId) ? (int?)null : actor.TeamId ?? -1;
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<RedeemableMember>(new CommandDefinition(db.IsSqlite ? RedeemableSqlite : RedeemableSqlServer,
            new { CommunityId = communityId, Q = q, Tail = tail, HomeTeamId = homeTeamId }, cancellationToken: ct));
        return rows
            .Where(r => PointsRules.CanActFor(actor, new MemberScope(r.Id, r.CommunityId, r.HomeTeamId is int h ? [h] : [], r.HomeTeamId)))
            .Select(r => r with { PhoneTail = r.PhoneTail is { Length: >= 4 } p ? p[^4..] : null })
            .ToList();
    }

    /// <summary>The catalogue of a community, active items first.</summary>
    public async Task<IReadOnlyList<RewardRow>> RewardsAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<RewardRow>(new CommandDefinition(RewardsSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    /// <summary>The latest hundred redemptions, those still to hand over first.</summary>
    public async Task<IReadOnlyList<RedemptionRow>> RedemptionsAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var sql = db.IsSqlite ? RedemptionsSqlite : RedemptionsSqlServer;
        return (await conn.QueryAsync<RedemptionRow>(new CommandDefinition(sql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }
}
