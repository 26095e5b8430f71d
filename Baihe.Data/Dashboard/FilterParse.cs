namespace Baihe.Data.Dashboard;

/// <summary>
/// The filter read from a link, and a Chinese message for every part that could not be read (that part fell back
/// to its default). The page shows the problems above the figures, so a mistyped link is explained, not silently changed.
/// </summary>
public sealed record FilterParse(DashboardFilter Filter, IReadOnlyList<string> Problems);
