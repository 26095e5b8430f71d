using System.Globalization;

namespace Baihe.Data.Database;

/// <summary>
/// Reads the values a list's link carries (<c>?grid=&amp;from=&amp;to=&amp;page=</c> …). A link is user input: every
/// value that cannot be read adds a Chinese problem to the list and yields that filter's default (no filter, page 1),
/// and nothing here throws. Whether the actor may read a grid or team is not decided here.
/// </summary>
public static class ListLinkValues
{
    /// <summary>A positive record id (网格, 队伍), or null with a problem when <paramref name="text"/> is not one.</summary>
    public static int? Id(string? text, string what, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }
        problems.Add($"{what}编号“{Shown(text)}”无效，已改为不按{what}筛选。");
        return null;
    }

    /// <summary>
    /// A day range [from, to + 1 day) where either end may be open; a malformed day drops that end, and a start
    /// after the end drops both, each with a problem naming <paramref name="what"/> (e.g. 受理日期).
    /// </summary>
    public static (DateTime? From, DateTime? ToExclusive) Days(string? from, string? to, string what, ICollection<string> problems)
    {
        var first = Day(from, what, "开始", problems);
        var last = Day(to, what, "结束", problems);
        if (first is DateTime f && last is DateTime l && f > l)
        {
            problems.Add($"{what}的开始日期 {f:yyyy-MM-dd} 晚于结束日期 {l:yyyy-MM-dd}，已改为不按{what}筛选。");
            return (null, null);
        }
        return (first, last?.AddDays(1));
    }

    /// <summary>The 1-based page number of the link, or 1 with a problem when it is not a positive whole number.</summary>
    public static int Page(string? text, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0)
        {
            return page;
        }
        problems.Add($"页码“{Shown(text)}”无效，已显示第 1 页。");
        return 1;
    }

    /// <summary>One of <paramref name="allowed"/> codes (exact match), or null with a problem naming <paramref name="what"/>.</summary>
    public static string? Choice(string? text, IReadOnlyCollection<string> allowed, string what, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var value = text.Trim();
        if (allowed.Contains(value))
        {
            return value;
        }
        problems.Add($"无法识别{what}“{Shown(value)}”，已改为显示全部{what}。");
        return null;
    }

    /// <summary>The link's way of writing a day, <c>2026-03-05</c>.</summary>
    public static string? DayText(DateTime? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime? Day(string? text, string what, string end, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day >= DateInput.Earliest && day.Year <= 9998)
        {
            return day;
        }
        problems.Add($"无法识别{what}的{end}日期“{Shown(text)}”（应为 2026-03-05 这样的写法），已改为不限{end}日期。");
        return null;
    }

    // A forged link may carry a page of text; the message quotes only its start.
    private static string Shown(string text)
    {
        var t = text.Trim();
        return t.Length <= 20 ? t : t[..20] + "…";
    }
}
