using Baihe.Data.Dashboard;
using Baihe.Data.Database;

namespace Baihe.Tests.Data.Dashboard;

public class DashboardFilterParserTests
{
    private static readonly DateTime Today = new(2026, 5, 14);

    private static FilterParse Parse(string? period = null, string? from = null, string? to = null,
        string? subdistrict = null, string? community = null, string? grid = null) =>
        DashboardFilterParser.Parse(period, from, to, subdistrict, community, grid, Today);

    [Fact]
    public void NoValues_MeanThisYearWithoutAPlace_AndNoProblems()
    {
        var parse = Parse();
        Assert.Empty(parse.Problems);
        Assert.Equal(PeriodKind.Year, parse.Filter.Kind);
        Assert.Equal(Period.Year(2026), parse.Filter.Period);
        Assert.Null(parse.Filter.SubDistrictId);
        Assert.Null(parse.Filter.CommunityId);
        Assert.Null(parse.Filter.GridId);
        Assert.Equal("2026年", parse.Filter.Label);
        Assert.Equal("period=2026", parse.Filter.ToQuery());
    }

    [Theory]
    [InlineData("2025", PeriodKind.Year, "2025-01-01", "2026-01-01", "2025年")]
    [InlineData("2026H1", PeriodKind.Half, "2026-01-01", "2026-07-01", "2026年上半年")]
    [InlineData("2025h2", PeriodKind.Half, "2025-07-01", "2026-01-01", "2025年下半年")]
    [InlineData("2025-10", PeriodKind.Month, "2025-10-01", "2025-11-01", "2025年10月")]
    [InlineData("2026-05", PeriodKind.Month, "2026-05-01", "2026-06-01", "2026年5月")]
    public void APeriod_IsReadWithItsHalfOpenRangeAndChineseLabel(string text, PeriodKind kind, string from, string to, string label)
    {
        var parse = Parse(period: text);
        Assert.Empty(parse.Problems);
        Assert.Equal(kind, parse.Filter.Kind);
        Assert.Equal(new Period(DateTime.Parse(from), DateTime.Parse(to)), parse.Filter.Period);
        Assert.Equal(label, parse.Filter.Label);
    }

    [Fact]
    public void ADayRange_IncludesTheToDay_AndIsLabelledInChinese()
    {
        var parse = Parse(from: "2026-03-05", to: "2026-04-20", community: "3", grid: "12");
        Assert.Empty(parse.Problems);
        Assert.Equal(PeriodKind.Range, parse.Filter.Kind);
        Assert.Equal(new Period(new DateTime(2026, 3, 5), new DateTime(2026, 4, 21)), parse.Filter.Period);
        Assert.Equal("2026年3月5日—4月20日", parse.Filter.Label);
        Assert.Equal("from=2026-03-05&to=2026-04-20&community=3&grid=12", parse.Filter.ToQuery());
        Assert.False(parse.Filter.IsMonthAligned);
    }

    [Fact]
    public void ARangeAcrossYears_NamesBothYears()
    {
        Assert.Equal("2025年12月5日—2026年1月20日", Parse(from: "2025-12-05", to: "2026-01-20").Filter.Label);
        Assert.Equal("2026年3月5日", Parse(from: "2026-03-05", to: "2026-03-05").Filter.Label);
    }

    [Theory]
    [InlineData("period=2025")]
    [InlineData("period=2026H1")]
    [InlineData("period=2025H2&subdistrict=1")]
    [InlineData("period=2025-10&community=2")]
    [InlineData("from=2026-03-05&to=2026-04-20&subdistrict=1&community=2&grid=7")]
    public void ToQuery_ReadsBackToTheSameFilter(string query)
    {
        var values = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var parse = Parse(values.GetValueOrDefault("period"), values.GetValueOrDefault("from"), values.GetValueOrDefault("to"),
            values.GetValueOrDefault("subdistrict"), values.GetValueOrDefault("community"), values.GetValueOrDefault("grid"));
        Assert.Empty(parse.Problems);
        Assert.Equal(query, parse.Filter.ToQuery());
        var again = Parse(values.GetValueOrDefault("period"), values.GetValueOrDefault("from"), values.GetValueOrDefault("to"),
            values.GetValueOrDefault("subdistrict"), values.GetValueOrDefault("community"), values.GetValueOrDefault("grid"));
        Assert.Equal(parse.Filter, again.Filter);
    }

    [Theory]
    [InlineData("abc", "无法识别时间")]
    [InlineData("20261", "无法识别时间")]
    [InlineData("2026H3", "无法识别时间")]
    [InlineData("1999", "无法识别时间")]
    [InlineData("2026-13", "月份应在 1 到 12 之间")]
    [InlineData("2026-00", "月份应在 1 到 12 之间")]
    [InlineData("2027", "尚未开始")]
    [InlineData("2026-06", "尚未开始")]
    [InlineData("2026H2", "尚未开始")]
    public void ABadPeriod_IsExplained_AndFallsBackToThisYear(string text, string message)
    {
        var parse = Parse(period: text);
        var problem = Assert.Single(parse.Problems);
        Assert.Contains(message, problem);
        Assert.Contains("已改为显示2026年", problem);
        Assert.Equal(DashboardFilter.ThisYear(Today), parse.Filter);
    }

    [Theory]
    [InlineData("2026-04-20", "2026-03-05", "晚于结束日期")]
    [InlineData("2024-01-01", "2026-01-01", "不能超过 2 年")]
    [InlineData("2026-06-01", "2026-07-01", "尚未开始")]
    [InlineData("2026-3-5", "2026-04-20", "无法识别日期")]
    [InlineData("2026-03-05", "2026-02-30", "无法识别日期")]
    [InlineData("2026-03-05", null, "同时填写")]
    [InlineData(null, "2026-03-05", "同时填写")]
    public void ABadRange_IsExplained_AndFallsBackToThisYear(string? from, string? to, string message)
    {
        var parse = Parse(from: from, to: to);
        var problem = Assert.Single(parse.Problems);
        Assert.Contains(message, problem);
        Assert.Equal(DashboardFilter.ThisYear(Today), parse.Filter);
    }

    [Fact]
    public void ARangeOfExactlyTwoYears_IsAccepted()
    {
        var parse = Parse(from: "2024-05-15", to: "2026-05-14");
        Assert.Empty(parse.Problems);
        Assert.Equal(new Period(new DateTime(2024, 5, 15), new DateTime(2026, 5, 15)), parse.Filter.Period);
    }

    [Fact]
    public void ABadRange_FallsBackToAValidPeriodGivenBesideIt()
    {
        var parse = Parse(period: "2025-10", from: "2026-04-20", to: "2026-03-05");
        Assert.Single(parse.Problems);
        Assert.Equal(PeriodKind.Month, parse.Filter.Kind);
        Assert.Equal("2025年10月", parse.Filter.Label);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public void ANonNumericId_IsExplained_AndThatPlaceIsDropped(string bad)
    {
        var parse = Parse(period: "2025", subdistrict: bad, community: bad, grid: bad);
        Assert.Equal(3, parse.Problems.Count);
        Assert.Contains(parse.Problems, p => p.Contains("街道编号") && p.Contains(bad));
        Assert.Contains(parse.Problems, p => p.Contains("社区编号"));
        Assert.Contains(parse.Problems, p => p.Contains("网格编号"));
        Assert.Equal(new DashboardFilter(PeriodKind.Year, Period.Year(2025), null, null, null), parse.Filter);
    }

    [Fact]
    public void OneBadPart_KeepsTheGoodParts()
    {
        var parse = Parse(period: "2026-13", community: "4", grid: "x");
        Assert.Equal(2, parse.Problems.Count);
        Assert.Equal(new DashboardFilter(PeriodKind.Year, Period.Year(2026), null, 4, null), parse.Filter);
    }
}
