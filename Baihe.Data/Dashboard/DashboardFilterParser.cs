using System.Globalization;
using Baihe.Data.Database;

namespace Baihe.Data.Dashboard;

/// <summary>
/// Reads the command view's link (<c>period</c> or <c>from</c>/<c>to</c>, <c>subdistrict</c>, <c>community</c>,
/// <c>grid</c>). Every value that cannot be read adds a Chinese problem and falls back to that part's default (this
/// year, or no place); it never throws, because a link is user input. Whether the actor may read the place is not
/// decided here but by <c>DashboardScope</c>.
/// </summary>
public static class DashboardFilterParser
{
    /// <summary>The earliest year a link may name; nothing in Baihe is older.</summary>
    public const int FirstYear = 2000;

    /// <summary>The longest day range, so one link cannot make the server aggregate decades.</summary>
    public const int MaxRangeYears = 2;

    /// <summary>Parses the link's values; <paramref name="today"/> is China's date (<see cref="BaiheClock.Today"/>).</summary>
    public static FilterParse Parse(string? period, string? from, string? to, string? subdistrict, string? community, string? grid, DateTime today)
    {
        today = today.Date;
        var problems = new List<string>();
        var fallback = DashboardFilter.ThisYear(today);
        var (kind, range) = (fallback.Kind, fallback.Period);

        var hasRange = !string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to);
        var parsedRange = hasRange ? ParseRange(from, to, today, problems) : null;
        if (parsedRange is { } r)
        {
            (kind, range) = (PeriodKind.Range, r);
        }
        else if (!string.IsNullOrWhiteSpace(period) && ParsePeriod(period.Trim(), today, problems) is { } p)
        {
            (kind, range) = p;
        }

        var subDistrictId = ParseId(subdistrict, "街道", problems);
        var communityId = ParseId(community, "社区", problems);
        var gridId = ParseId(grid, "网格", problems);
        return new FilterParse(new DashboardFilter(kind, range, subDistrictId, communityId, gridId), problems);
    }

    private static (PeriodKind, Period)? ParsePeriod(string text, DateTime today, List<string> problems)
    {
        (PeriodKind, Period)? result = null;
        if (text.Length == 4 && Year(text) is int year)
        {
            result = (PeriodKind.Year, Period.Year(year));
        }
        else if (text.Length == 6 && (text[4] is 'H' or 'h') && Year(text[..4]) is int hy && text[5] is '1' or '2')
        {
            result = (PeriodKind.Half, Period.HalfYear(hy, text[5] - '0'));
        }
        else if (text.Length == 7 && text[4] == '-' && Year(text[..4]) is int my
                 && int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month))
        {
            if (month is < 1 or > 12)
            {
                problems.Add($"时间“{text}”中的月份应在 1 到 12 之间，已改为显示{today.Year}年。");
                return null;
            }
            var first = new DateTime(my, month, 1);
            result = (PeriodKind.Month, new Period(first, first.AddMonths(1)));
        }
        if (result is not { } found)
        {
            problems.Add($"无法识别时间“{text}”（应为 2026、2026H1 或 2026-10 这样的写法），已改为显示{today.Year}年。");
            return null;
        }
        if (found.Item2.From > today)
        {
            problems.Add($"时间“{text}”尚未开始，没有数据，已改为显示{today.Year}年。");
            return null;
        }
        return found;
    }

    private static Period? ParseRange(string? from, string? to, DateTime today, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            problems.Add($"日期范围需要同时填写开始和结束日期，已改为显示{today.Year}年。");
            return null;
        }
        var first = Day(from.Trim());
        var last = Day(to.Trim());
        if (first is null || last is null)
        {
            var bad = first is null ? from.Trim() : to.Trim();
            problems.Add($"无法识别日期“{bad}”（应为 2026-03-05 这样的写法），已改为显示{today.Year}年。");
            return null;
        }
        if (first > last)
        {
            problems.Add($"开始日期 {first:yyyy-MM-dd} 晚于结束日期 {last:yyyy-MM-dd}，已改为显示{today.Year}年。");
            return null;
        }
        var end = last.Value.AddDays(1);
        if (end > first.Value.AddYears(MaxRangeYears))
        {
            problems.Add($"日期范围不能超过 {MaxRangeYears} 年，已改为显示{today.Year}年。");
            return null;
        }
        if (first > today)
        {
            problems.Add($"日期范围 {first:yyyy-MM-dd} 起尚未开始，没有数据，已改为显示{today.Year}年。");
            return null;
        }
        return new Period(first.Value, end);
    }

    private static int? Year(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= FirstYear && year <= 9998 ? year : null;

    private static DateTime? Day(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= FirstYear && day.Year <= 9998
            ? day
            : null;

    private static int? ParseId(string? text, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }
        problems.Add($"{what}编号“{text.Trim()}”无效，已改为不按{what}筛选。");
        return null;
    }
}
