namespace Baihe.Data.Points;

/// <summary>
/// A points list's filter read from its link, and a Chinese message for every value that could not be read (that
/// value fell back to "not filtered"), so a mistyped link is explained rather than silently changed.
/// </summary>
public sealed record PointsListParse(PointsListFilter Filter, IReadOnlyList<string> Problems);
