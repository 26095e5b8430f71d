using Baihe.Data.Database;
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
