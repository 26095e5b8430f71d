namespace Baihe.Data.Database;

/// <summary>
/// A list's filter read from its link, the 1-based page the link asked for, and a Chinese message for every value
/// that could not be read (that value fell back to its default). The page shows the problems above the list.
/// </summary>
public sealed record ListLink<TFilter>(TFilter Filter, int Page, IReadOnlyList<string> Problems);
