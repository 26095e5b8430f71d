namespace Baihe.Data.Points;

/// <summary>
/// What a points list (活动, 兑换记录) is filtered by, as read from its link: a keyword, a status code, an inclusive
/// date range, a team and a service area where the list has them, and the page. Null means "not filtered by this".
/// </summary>
public sealed record PointsListFilter(string? Q, string? Status, DateTime? From, DateTime? To, int? TeamId, int? CategoryId, int Page)
{
    /// <summary>Rows per page of every points list.</summary>
    public const int PageSize = 20;

    /// <summary>No filter, first page.</summary>
    public static PointsListFilter None { get; } = new(null, null, null, null, null, null, 1);

    /// <summary>Rows skipped before this page.</summary>
    public int Skip => (Page - 1) * PageSize;

    /// <summary>The day after <see cref="To"/>: SQL compares with <c>&lt;</c>, so the whole last day counts.</summary>
    public DateTime? ToExclusive => To?.Date.AddDays(1);
}
