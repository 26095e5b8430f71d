using Baihe.Data.Summaries;
using Baihe.Data.Database;

namespace Baihe.Tests.Data.Summaries;

/// <summary>A period of days reads its whole months from the month summary and only the days around them from the day summary.</summary>
public class PeriodSplitTests
{
    private static DateTime D(int month, int day) => new(2026, month, day);

    [Fact]
    public void ARangeAcrossWholeMonths_IsDaysBefore_WholeMonths_AndDaysAfter()
    {
        var (head, months, tail) = PointSummaryQueries.SplitByMonths(new Period(D(3, 5), D(6, 21)));

        Assert.Equal(new Period(D(3, 5), D(4, 1)), head);
        Assert.Equal(new Period(D(4, 1), D(6, 1)), months);
        Assert.Equal(new Period(D(6, 1), D(6, 21)), tail);
    }

    [Fact]
    public void WholeMonths_AreAllSummary_AndARangeWithoutAWholeMonth_IsAllDays()
    {
        Assert.Equal((null, new Period(D(1, 1), D(7, 1)), null), PointSummaryQueries.SplitByMonths(Period.HalfYear(2026, 1)));
        Assert.Equal((new Period(D(3, 5), D(4, 21)), null, null), PointSummaryQueries.SplitByMonths(new Period(D(3, 5), D(4, 21))));
        Assert.Equal((null, new Period(D(3, 1), D(4, 1)), new Period(D(4, 1), D(4, 10))), PointSummaryQueries.SplitByMonths(new Period(D(3, 1), D(4, 10))));
    }
}
