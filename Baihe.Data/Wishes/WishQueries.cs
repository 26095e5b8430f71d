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

/// <summary>A wish with its timeline, for its page.</summary>
public sealed record WishDetail
{
    public int Id { get; init; }
    public int CommunityId { get; init; }
    public string Grid { get; init; } = "";
    public string WisherName { get; init; } = "";
    public string WisherKind { get; init; } = "";
    public string Content { get; init; } = "";
    public int? EstimatedValue { get; init; }
    public string Status { get; init; } = "";
    public string? ClaimantKind { get; init; }
    public string? Claimant { get; init; }
    public int? ClaimedByMemberId { get; init; }
    public int? ClaimedByTeamId { get; init; }
    public DateTime PublishedAt { get; init; }
    public DateTime? ClaimedAt { get; init; }
    public DateTime? FulfilledAt { get; init; }
    public string? FulfilmentNote { get; init; }
    public string? PhotoPath { get; init; }
}

/// <summary>One status change of a wish.</summary>
public sealed record WishChange
{
    public string? FromStatus { get; init; }
    public string ToStatus { get; init; } = "";
    public DateTime ChangedAt { get; init; }
    public string? ChangedBy { get; init; }
    public string? Note { get; init; }
}

/// <summary>A partner unit (共建单位) that can claim wishes.</summary>
public sealed record PartnerRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
}

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
