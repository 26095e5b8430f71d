using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Wishes;

/// <summary>Reads 微心愿, paged in SQL.</summary>
public sealed class WishQueries(DbConnectionFactory db)
{
    private const string FromFragment = """
        FROM MicroWish w
        JOIN Grid g ON g.Id = w.GridId
        LEFT JOIN Member cm ON cm.Id = w.ClaimedByMemberId
        LEFT JOIN Team ct ON ct.Id = w.ClaimedByTeamId
        LEFT JOIN PartnerUnit cp ON cp.Id = w.ClaimedByPartnerId

        """;

    /// <summary>The columns of a <see cref="WishRow"/> and the joins they need; every wish list starts with this.</summary>
    internal const string RowSelectFragment = """
        SELECT w.Id, w.WisherName, w.WisherKind, w.Content, w.EstimatedValue, w.Status, g.Name AS Grid,
               COALESCE(cm.Name, ct.Name, cp.Name) AS Claimant, w.PublishedAt, w.FulfilledAt

        """ + FromFragment;

    private const string FilterFragment = "WHERE g.CommunityId = @CommunityId AND (@Status IS NULL OR w.Status = @Status)\n";

    private const string PageSelectFragment = RowSelectFragment + FilterFragment + "ORDER BY w.PublishedAt DESC, w.Id DESC\n";

    private const string PageSqlServer = PageSelectFragment + "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = PageSelectFragment + "LIMIT @Take OFFSET @Skip;";

    private const string CountSql = "SELECT COUNT(*)\n" + FromFragment + FilterFragment + ";";

    /// <summary>One page of a community's wishes, newest first, optionally in one status.</summary>
    public async Task<Page<WishRow>> PageAsync(int communityId, string? status, PageRequest page, CancellationToken ct = default)
    {
        var args = new { CommunityId = communityId, Status = status, page.Skip, page.Take };
        await using var conn = await db.OpenAsync(ct);
        var sql = db.IsSqlite ? PageSqlite : PageSqlServer;
        var rows = await conn.QueryAsync<WishRow>(new CommandDefinition(sql, args, cancellationToken: ct));
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        return new Page<WishRow>(rows.AsList(), total);
    }
}
