namespace Baihe.Data.Database;

/// <summary>One page of rows paged in SQL, with the total row count for the pager.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
