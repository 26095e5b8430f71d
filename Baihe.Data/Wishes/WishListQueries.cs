using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Wishes;

/// <summary>
/// The 微心愿 list: one community's wishes narrowed by a <see cref="WishListFilter"/>, newest first, paged in SQL with
/// the count of every matching row. The caller has resolved the community for the actor and checked the filter's grid
/// and team with <c>ListScopeQueries</c>.
/// </summary>
public sealed class WishListQueries(DbConnectionFactory db)
{
    private const string FromFragment = """
        FROM MicroWish w
        JOIN Grid g ON g.Id = w.GridId
        LEFT JOIN Member cm ON cm.Id = w.ClaimedByMemberId
        LEFT JOIN Team ct ON ct.Id = w.ClaimedByTeamId
        LEFT JOIN PartnerUnit cp ON cp.Id = w.ClaimedByPartnerId

        """;

    private const string SelectFragment = """
        SELECT w.Id, w.WisherName, w.WisherKind, w.Content, w.EstimatedValue, w.Status, g.Name AS Grid,
               COALESCE(cm.Name, ct.Name, cp.Name) AS Claimant, w.PublishedAt, w.FulfilledAt

        """;

    // Each condition is off when its parameter is null, so one text serves every combination of filters; the team is
    // the team that claimed the wish. The keyword is a SearchText pattern (% and _ matched literally).
    private const string WhereFragment = """
        WHERE g.CommunityId = @CommunityId
          AND (@Status IS NULL OR w.Status = @Status)
          AND (@GridId IS NULL OR w.GridId = @GridId)
          AND (@TeamId IS NULL OR w.ClaimedByTeamId = @TeamId)
          AND (@WisherKind IS NULL OR w.WisherKind = @WisherKind)
          AND (@From IS NULL OR w.PublishedAt >= @From)
          AND (@To IS NULL OR w.PublishedAt < @To)
          AND (@Q IS NULL OR w.Content LIKE @Q ESCAPE '\' OR w.WisherName LIKE @Q ESCAPE '\')

        """;

    private const string OrderFragment = "ORDER BY w.PublishedAt DESC, w.Id DESC\n";

    private const string PageSqlServer = SelectFragment + FromFragment + WhereFragment + OrderFragment + "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = SelectFragment + FromFragment + WhereFragment + OrderFragment + "LIMIT @Take OFFSET @Skip;";

    private const string CountSql = "SELECT COUNT(*)\n" + FromFragment + WhereFragment + ";";

    /// <summary>One page (0-based <paramref name="page"/> index) of <paramref name="communityId"/>'s wishes matching <paramref name="filter"/>.</summary>
    public async Task<ListPage<WishRow>> PageAsync(int communityId, WishListFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var args = new
        {
            CommunityId = communityId,
            filter.Status,
            filter.GridId,
            filter.TeamId,
            filter.WisherKind,
            filter.From,
            To = filter.ToExclusive,
            Q = SearchText.Contains(filter.Keyword),
            page.Skip,
            page.Take,
        };
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<WishRow>(new CommandDefinition(db.IsSqlite ? PageSqlite : PageSqlServer, args, cancellationToken: ct));
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        return new ListPage<WishRow>(rows.AsList(), total, Math.Max(0, page.Index), page.Take);
    }
}
