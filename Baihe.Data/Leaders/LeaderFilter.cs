using Baihe.Data.Members;

namespace Baihe.Data.Leaders;

/// <summary>
/// The filters of the /leaders page, as its link carries them: <c>community</c>, <c>q</c> (name or skill), <c>grid</c>
/// and <c>sort</c> (one of <see cref="Sorts"/>).
/// </summary>
public sealed record LeaderFilter(int? CommunityId, string? Q, int? GridId, string Sort)
{
    /// <summary>The default order: most points this half-year first.</summary>
    public const string ByPoints = "points";

    /// <summary>The orders the page offers, by link value, with their Chinese labels. SQL maps each to a fixed expression.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Sorts =
    [
        (ByPoints, "按积分"), ("services", "按服务次数"), ("activities", "按参加活动"), ("redemptions", "按兑换次数"), ("grid", "按网格"), ("name", "按姓名"),
    ];

    /// <summary>Reads the link's values; every unreadable one adds a Chinese problem and falls back to its default.</summary>
    public static LeaderFilter Parse(string? community, string? q, string? grid, string? sort, List<string> problems)
    {
        var order = sort?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(order))
        {
            order = ByPoints;
        }
        else if (Sorts.All(s => s.Key != order))
        {
            problems.Add($"链接中的排序“{LinkValues.Show(sort!.Trim())}”无法识别，已按积分排序。");
            order = ByPoints;
        }
        return new LeaderFilter(LinkValues.Id(community, "社区", problems), LinkValues.Keyword(q), LinkValues.Id(grid, "网格", problems), order);
    }
}
