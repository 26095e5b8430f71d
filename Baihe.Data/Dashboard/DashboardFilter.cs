using System.Globalization;
using Baihe.Data.Database;

namespace Baihe.Data.Dashboard;

/// <summary>
/// What the command view shows: a period and, optionally, a sub-district, a community and a grid. It is the page's
/// whole state, so <see cref="ToQuery"/> writes it back into the link and a copied link reproduces the view.
/// <see cref="Period"/> is half-open [From, To); for <see cref="PeriodKind.Range"/> the user's "to" day is To − 1 day.
/// The ids are only what the link asked for: the scope (<c>DashboardScope</c>) decides whether the actor may read them.
/// </summary>
public sealed record DashboardFilter(PeriodKind Kind, Period Period, int? SubDistrictId, int? CommunityId, int? GridId)
{
    /// <summary>The default view: the calendar year of <paramref name="today"/>, no place chosen.</summary>
    public static DashboardFilter ThisYear(DateTime today) => new(PeriodKind.Year, Period.Year(today.Year), null, null, null);

    /// <summary>A month's filter (used when a chart's month bucket narrows the view).</summary>
    public static DashboardFilter Month(int year, int month) =>
        new(PeriodKind.Month, new Period(new DateTime(year, month, 1), new DateTime(year, month, 1).AddMonths(1)), null, null, null);

    /// <summary>The period in Chinese: 2026年, 2026年上半年, 2026年10月, 2026年3月5日—4月20日.</summary>
    public string Label => Kind switch
    {
        PeriodKind.Year => $"{Period.From.Year}年",
        PeriodKind.Half => $"{Period.From.Year}年{(Period.From.Month <= 6 ? "上" : "下")}半年",
        PeriodKind.Month => $"{Period.From.Year}年{Period.From.Month}月",
        _ => RangeLabel(Period.From, Period.To.AddDays(-1)),
    };

    private static string RangeLabel(DateTime first, DateTime last)
    {
        var start = $"{first.Year}年{first.Month}月{first.Day}日";
        if (first == last)
        {
            return start;
        }
        var end = last.Year == first.Year ? $"{last.Month}月{last.Day}日" : $"{last.Year}年{last.Month}月{last.Day}日";
        return $"{start}—{end}";
    }

    /// <summary>
    /// The canonical query string (without '?'): <c>period=2026</c> | <c>period=2026H1</c> | <c>period=2026-10</c> |
    /// <c>from=2026-03-05&amp;to=2026-04-20</c>, then <c>subdistrict=</c>, <c>community=</c>, <c>grid=</c> when set.
    /// <see cref="DashboardFilterParser.Parse"/> reads it back to the same filter.
    /// </summary>
    public string ToQuery()
    {
        var parts = new List<string>(4) { PeriodQuery() };
        if (SubDistrictId is int s)
        {
            parts.Add("subdistrict=" + s.ToString(CultureInfo.InvariantCulture));
        }
        if (CommunityId is int c)
        {
            parts.Add("community=" + c.ToString(CultureInfo.InvariantCulture));
        }
        if (GridId is int g)
        {
            parts.Add("grid=" + g.ToString(CultureInfo.InvariantCulture));
        }
        return string.Join('&', parts);
    }

    /// <summary>Only the period part of <see cref="ToQuery"/>, for links that keep the period but change the place.</summary>
    public string PeriodQuery() => Kind switch
    {
        PeriodKind.Year => "period=" + Period.From.Year.ToString("D4", CultureInfo.InvariantCulture),
        PeriodKind.Half => "period=" + Period.From.Year.ToString("D4", CultureInfo.InvariantCulture) + (Period.From.Month <= 6 ? "H1" : "H2"),
        PeriodKind.Month => "period=" + Period.From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => "from=" + Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            + "&to=" + Period.To.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Whether the period starts on the first of a month and ends before the first of a month.</summary>
    public bool IsMonthAligned => Period.From.Day == 1 && Period.To.Day == 1;
}
