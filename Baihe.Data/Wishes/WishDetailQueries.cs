using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Wishes;

/// <summary>Reads one wish and the partners of a community.</summary>
public sealed class WishDetailQueries(DbConnectionFactory db)
{
    private const string DetailSql = """
        SELECT w.Id, g.CommunityId, g.Name AS Grid, w.WisherName, w.WisherKind, w.Content, w.EstimatedValue, w.Status, w.ClaimantKind,
               COALESCE(cm.Name, ct.Name, cp.Name) AS Claimant, w.ClaimedByMemberId, w.ClaimedByTeamId,
               w.PublishedAt, w.ClaimedAt, w.FulfilledAt, w.FulfilmentNote, w.PhotoPath
        FROM MicroWish w
        JOIN Grid g ON g.Id = w.GridId
        LEFT JOIN Member cm ON cm.Id = w.ClaimedByMemberId
        LEFT JOIN Team ct ON ct.Id = w.ClaimedByTeamId
        LEFT JOIN PartnerUnit cp ON cp.Id = w.ClaimedByPartnerId
        WHERE w.Id = @WishId;
        """;

    private const string HistorySql = """
        SELECT h.FromStatus, h.ToStatus, h.ChangedAt, u.DisplayName AS ChangedBy, h.Note
        FROM WishStatusHistory h LEFT JOIN AppUser u ON u.Id = h.ChangedByUserId
        WHERE h.WishId = @WishId
        ORDER BY h.ChangedAt, h.Id;
        """;

    private const string PartnersSql = "SELECT Id, Name FROM PartnerUnit WHERE CommunityId = @CommunityId ORDER BY Name;";

    public async Task<(WishDetail Wish, IReadOnlyList<WishChange> History)?> DetailAsync(int wishId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var wish = await conn.QuerySingleOrDefaultAsync<WishDetail>(new CommandDefinition(DetailSql, new { WishId = wishId }, cancellationToken: ct));
        if (wish is null)
        {
            return null;
        }
        var history = await conn.QueryAsync<WishChange>(new CommandDefinition(HistorySql, new { WishId = wishId }, cancellationToken: ct));
        return (wish, history.AsList());
    }

    public async Task<IReadOnlyList<PartnerRow>> PartnersAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<PartnerRow>(new CommandDefinition(PartnersSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }
}
