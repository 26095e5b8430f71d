namespace Baihe.Data.Database;

/// <summary>One page of a list read on the server, with the count of every row that matched the filters.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Rows, int Total, int Page, int PageSize)
{
    /// <summary>Pages needed for <see cref="Total"/> rows; at least one, so an empty list still shows page 1 of 1.</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
