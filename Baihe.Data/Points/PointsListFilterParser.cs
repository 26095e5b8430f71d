using System.Globalization;
using Baihe.Data.Database;

namespace Baihe.Data.Points;

/// <summary>
/// Reads a points list's link (<c>?q=&amp;status=&amp;from=&amp;to=&amp;team=&amp;area=&amp;page=</c>). A link is user
/// input: every value that cannot be read adds a Chinese problem and falls back to its default; it never throws.
/// Which community the list shows is not decided here but by the page's community resolution.
/// </summary>
public static class PointsListFilterParser
{
    /// <summary>The statuses of the activities list, code → label.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActivityStatuses = new Dictionary<string, string>
    {
        ["Open"] = "进行中",
        ["Closed"] = "已记分",
    };

    /// <summary>The statuses of the redemptions list, code → label.</summary>
    public static readonly IReadOnlyDictionary<string, string> RedemptionStatuses = new Dictionary<string, string>
    {
        ["Pending"] = "待兑现",
        ["Fulfilled"] = "已兑现",
    };

    /// <summary>The highest page a link may ask for; a list this long is filtered, not paged through.</summary>
    public const int MaxPage = 10_000;

    /// <summary>Parses the values of a link; <paramref name="statuses"/> are the codes this list knows.</summary>
    public static PointsListParse Parse(string? q, string? status, string? from, string? to, string? team, string? area, string? page,
        IReadOnlyDictionary<string, string> statuses)
    {
        var problems = new List<string>();
        var keyword = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (keyword is { Length: > SearchText.MaxLength })
        {
            keyword = keyword[..SearchText.MaxLength];
            problems.Add($"关键词过长，只按前 {SearchText.MaxLength} 个字搜索。");
        }

        string? code = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            code = statuses.Keys.FirstOrDefault(k => string.Equals(k, status.Trim(), StringComparison.OrdinalIgnoreCase));
            if (code is null)
            {
                problems.Add($"无法识别状态“{status.Trim()}”（可用：{string.Join("、", statuses.Select(s => $"{s.Key} {s.Value}"))}），已显示全部状态。");
            }
        }

        var first = Day(from, "开始日期", problems);
        var last = Day(to, "结束日期", problems);
        if (first is not null && last is not null && first > last)
        {
            problems.Add($"开始日期 {first:yyyy-MM-dd} 晚于结束日期 {last:yyyy-MM-dd}，已不按日期筛选。");
            first = last = null;
        }

        var teamId = Id(team, "队伍", problems);
        var categoryId = Id(area, "板块", problems);

        var pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(page))
        {
            if (int.TryParse(page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxPage)
            {
                pageNumber = n;
            }
            else
            {
                problems.Add($"页码“{page.Trim()}”无效，已显示第 1 页。");
            }
        }
        return new PointsListParse(new PointsListFilter(keyword, code, first, last, teamId, categoryId, pageNumber), problems);
    }

    private static DateTime? Day(string? text, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 9998)
        {
            return day;
        }
        problems.Add($"无法识别{what}“{text.Trim()}”（应为 2026-03-05 这样的写法），已不按{what}筛选。");
        return null;
    }

    private static int? Id(string? text, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }
        problems.Add($"{what}编号“{text.Trim()}”无效，已不按{what}筛选。");
        return null;
    }
}
