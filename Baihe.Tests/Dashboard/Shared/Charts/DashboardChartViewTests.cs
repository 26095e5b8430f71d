using System.Text.Json.Nodes;
using Baihe.Dashboard.Components.Shared.Charts;
using Baihe.Data.Dashboard;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Shared.Charts;

public class DashboardChartViewTests
{
    private static readonly DashboardFilter Filter = DashboardFilter.Month(2026, 10) with { CommunityId = 1 };

    private static DashboardChart Monthly(ChartShape shape = ChartShape.Bar) => new("community.monthly", "每月办实事与微心愿", "按月统计", shape, "件",
        ["1月", "2月", "3月"],
        [
            new DashboardSeries("办结实事", [3, null, 5], DrillMetrics.TasksClosed, ["month=2026-01", "month=2026-02", "month=2026-03"]),
            new DashboardSeries("完成微心愿", [1, 2, 0], DrillMetrics.WishesFulfilled, ["month=2026-01", "month=2026-02", "month=2026-03"]),
        ]);

    [Fact]
    public async Task Options_DrawEveryTextAtLeast12Pixels()
    {
        await using var ctx = BunitTestContext.Create();
        var cut = ctx.Render<DashboardChartView>(p => p.Add(x => x.Chart, Monthly()).Add(x => x.Filter, Filter));

        var options = JsonNode.Parse(RenderedOptions(ctx))!;
        var sizes = Descendants(options).OfType<JsonObject>().Where(o => o.ContainsKey("fontSize")).Select(o => (int)o["fontSize"]!).ToList();
        Assert.NotEmpty(sizes);
        Assert.All(sizes, s => Assert.True(s >= 12, $"a text of {s}px"));
        Assert.Equal(12, (int)options["xAxis"]!["axisLabel"]!["fontSize"]!);
        Assert.Equal(12, (int)options["yAxis"]!["axisLabel"]!["fontSize"]!);
        Assert.Equal(cut.Instance.Options, RenderedOptions(ctx));
    }

    [Fact]
    public async Task Options_KeepNullsAsGaps_AndUseTheAppPalette()
    {
        await using var ctx = BunitTestContext.Create();
        ctx.Render<DashboardChartView>(p => p.Add(x => x.Chart, Monthly(ChartShape.Line)).Add(x => x.Filter, Filter));

        var options = JsonNode.Parse(RenderedOptions(ctx))!;
        var first = options["series"]![0]!;
        Assert.Equal("line", (string)first["type"]!);
        Assert.False((bool)first["connectNulls"]!);
        Assert.Null(first["data"]![1]);
        Assert.Equal(3.0, (double)first["data"]![0]!);
        Assert.Equal(ChartPalette.Colours, options["color"]!.AsArray().Select(c => (string)c!).ToList());
        Assert.Equal(ChartPalette.Red, (string)options["color"]![0]!);
    }

    [Fact]
    public async Task DataTable_ShowsTheSameFigures_WithADashForNoData_AndLinksToEachList()
    {
        await using var ctx = BunitTestContext.Create();
        var cut = ctx.Render<DashboardChartView>(p => p.Add(x => x.Chart, Monthly()).Add(x => x.Filter, Filter));

        string Cell(int s, int i) => cut.Find($"td[data-series='{s}'][data-index='{i}']").TextContent.Trim();
        Assert.Equal("3", Cell(0, 0));
        Assert.Equal("—", Cell(0, 1));
        Assert.Equal("5", Cell(0, 2));
        Assert.Equal("2", Cell(1, 1));
        Assert.Equal(["项目", "办结实事", "完成微心愿"], cut.FindAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal("drill?metric=tasks.closed&bucket=month%3D2026-03&period=2026-10&community=1",
            cut.Find("td[data-series='0'][data-index='2'] a").GetAttribute("href"));
        Assert.Empty(cut.FindAll("td[data-series='0'][data-index='1'] a"));
        Assert.Contains("查看数据", cut.Find("details summary").TextContent);
    }

    [Fact]
    public async Task Chart_IsAnImageNamedByItsTitle()
    {
        await using var ctx = BunitTestContext.Create();
        var cut = ctx.Render<DashboardChartView>(p => p.Add(x => x.Chart, Monthly()).Add(x => x.Filter, Filter));

        var canvas = cut.Find(".baihe-chart-canvas");
        Assert.Equal("img", canvas.GetAttribute("role"));
        Assert.StartsWith("图表：每月办实事与微心愿", canvas.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task ClickingABar_OpensTheListBehindIt_UnderTheSameFilter()
    {
        await using var ctx = BunitTestContext.Create();
        var cut = ctx.Render<DashboardChartView>(p => p.Add(x => x.Chart, Monthly()).Add(x => x.Filter, Filter));
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();

        await cut.InvokeAsync(() => cut.Instance.OnPointClick(1, 1));

        Assert.Equal("http://localhost/drill?metric=wishes.fulfilled&bucket=month%3D2026-02&period=2026-10&community=1", navigation.Uri);
    }

    [Fact]
    public async Task ClickingAGap_GoesNowhere()
    {
        await using var ctx = BunitTestContext.Create();
        var cut = ctx.Render<DashboardChartView>(p => p.Add(x => x.Chart, Monthly()).Add(x => x.Filter, Filter));
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();

        await cut.InvokeAsync(() => cut.Instance.OnPointClick(0, 1));

        Assert.Equal("http://localhost/", navigation.Uri);
    }

    [Fact]
    public async Task DarkVariant_DrawsLightText()
    {
        await using var ctx = BunitTestContext.Create();
        var cut = ctx.Render<DashboardChartView>(p => p.Add(x => x.Chart, Monthly()).Add(x => x.Filter, Filter).Add(x => x.Dark, true));

        var options = JsonNode.Parse(cut.Instance.Options)!;
        Assert.Equal(ChartPalette.DarkText, (string)options["textStyle"]!["color"]!);
        Assert.Contains("baihe-chart-dark", cut.Find("[data-chart-key]").ClassName);
    }

    private static string RenderedOptions(BunitContext ctx) =>
        (string)ctx.JSInterop.Invocations.Single(i => i.Identifier == "baiheCharts.render").Arguments[2]!;

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }
}
