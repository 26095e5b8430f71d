using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Wishes;

/// <summary>A 微心愿 in the list.</summary>
public sealed record WishRow
{
    public int Id { get; init; }
    public string WisherName { get; init; } = "";
    public string WisherKind { get; init; } = "";
    public string Content { get; init; } = "";
    public int? EstimatedValue { get; init; }
    public string Status { get; init; } = "";
    public string Grid { get; init; } = "";
    public string? Claimant { get; init; }
    public DateTime PublishedAt { get; init; }
    public DateTime? FulfilledAt { get; init; }
}

/// <summary>Reads 微心愿, paged in SQL.</summary>
public sealed class WishQueries(DbConnectionFactory db)
{
    private const string FilterFragment = """
        FROM MicroWish w
        JOIN Grid g ON g.Id = w.GridId
        LEFT JOIN Member cm ON cm.Id = w.ClaimedByMemberId
        LEFT JOIN Team ct ON ct.Id = w.ClaimedByTeamId
        LEFT JOIN PartnerUnit cp ON cp.Id = w.ClaimedByPartnerId
        WHERE g.CommunityId = @CommunityId AND (@Status IS NULL OR w.Status = @Status)
        """;

    private const string PageSelectFragment = """
        SELECT w.Id, w.WisherName, w.WisherKind, w.Content, w.EstimatedValue, w.Status, g.Name AS Grid,
               COALESCE(cm.Name, ct.Name, cp.Name) AS Claimant, w.PublishedAt, w.FulfilledAt

        """ + FilterFragment + """

        ORDER BY w.PublishedAt DESC, w.Id DESC

        """;

    private const string PageSqlServer = PageSelectFragment + "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = PageSelectFragment + "LIMIT @Take OFFSET @Skip;";

    private const string CountSql = "SELECT COUNT(*)\n" + FilterFragment + ";";

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
