using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Baihe.Tests.Browser;

/// <summary>
/// The officials' command view end to end in headless Chromium: ECharts loads under the app's strict
/// Content-Security-Policy, every bar, slice and point opens a list whose count (or sum) is the value clicked,
/// a filtered view survives a reload of its link, and the pages pass axe-core without serious violations.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CommandViewStoryTests(BrowserFixture app, ITestOutputHelper output)
{
    // Screenshots for a person to look at: BAIHE_SHOTS names the folder, else artifacts/shots.
    private static readonly string Shots = Environment.GetEnvironmentVariable("BAIHE_SHOTS") is { Length: > 0 } dir
        ? dir : Path.Combine(Baihe.Tests.TestSupport.Repo.Root, "artifacts", "shots");

    [SkippableFact]
    public Task ChartLibrary_LoadsAndDraws_UnderTheContentSecurityPolicy_WithoutConsoleErrors() => app.RunAsync("charts-csp", async () =>
    {
        var page = await app.SignInAsync("shuji");
        var problems = Watch(page);
        await app.OpenAsync(page, "/");
        await page.Locator("[data-chart-key] svg").First.WaitForAsync();

        Assert.Equal("function", await page.EvaluateAsync<string>("() => typeof echarts.init"));
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.baihe-chart-canvas')].every(c => c.querySelector('svg'))"),
            "every chart canvas holds an SVG drawn by ECharts");
        Assert.Empty(problems);
    });

    [SkippableFact]
    public Task Official_ClicksEveryBarSliceAndPoint_OnTheDistrictView_AndEachListCountsTheClickedValue() => app.RunAsync("drill-district", async () =>
    {
        var page = await app.SignInAsync("jiedao");
        await app.OpenAsync(page, "/");
        // An official's home is the district comparison.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/district", Committed);
        var clicked = await ClickEveryValueAsync(page);
        Assert.True(clicked >= 10, $"only {clicked} values were clicked on the district view");
    });

    [SkippableFact]
    public Task Official_ClicksEveryBarSliceAndPoint_OnACommunityOverview_AndEachListCountsTheClickedValue() => app.RunAsync("drill-community", async () =>
    {
        var page = await app.SignInAsync("jiedao");
        await app.OpenAsync(page, "district");
        await WaitForChartsAsync(page);
        // The comparison's community link opens that community's overview under the same filter.
        await page.Locator(".district-table .community-link", new() { HasText = "百合园社区" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("community=", StringComparison.Ordinal), Committed);
        // The address changes before the overview replaces the district view: wait for the overview's own charts.
        await page.Locator(".dashboard-body [data-chart-key^='community.']").First.WaitForAsync();
        var clicked = await ClickEveryValueAsync(page);
        Assert.True(clicked >= 10, $"only {clicked} values were clicked on the community overview");
    });

    [SkippableFact]
    public Task ChangingTheFilter_WritesTheLink_AndReloadingTheLinkShowsTheSameFigures() => app.RunAsync("filter-link", async () =>
    {
        var page = await app.SignInAsync("jiedao");
        await app.OpenAsync(page, "district");
        await WaitForChartsAsync(page);
        var lastMonth = DateTime.UtcNow.AddHours(8).AddMonths(-1);
        await page.SelectOptionAsync(".filter-kind", "month");
        await page.WaitForURLAsync(url => url.Contains("period=", StringComparison.Ordinal) && url.Contains('-', StringComparison.Ordinal), Committed);
        await page.SelectOptionAsync(".filter-month", lastMonth.Month.ToString(CultureInfo.InvariantCulture));
        if (lastMonth.Year != DateTime.UtcNow.AddHours(8).Year)
        {
            await page.SelectOptionAsync(".filter-year", lastMonth.Year.ToString(CultureInfo.InvariantCulture));
        }
        var expected = $"period={lastMonth:yyyy-MM}";
        await page.WaitForURLAsync(url => url.EndsWith(expected, StringComparison.Ordinal), Committed);
        await WaitForFiguresAsync(page);
        await page.Locator(".filter-label", new() { HasText = $"{lastMonth.Year}年{lastMonth.Month}月" }).WaitForAsync();
        var before = await FiguresAsync(page);

        var link = page.Url;
        await page.GotoAsync(link);
        await WaitForFiguresAsync(page);
        Assert.Equal(link, page.Url);
        Assert.Equal(before, await FiguresAsync(page));

        // The same on a community overview, with a grid chosen.
        await app.OpenAsync(page, $"/?community=1&{expected}");
        await WaitForChartsAsync(page);
        var grid = await page.Locator(".filter-grid option").Nth(1).GetAttributeAsync("value");
        await page.SelectOptionAsync(".filter-grid", grid!);
        await page.WaitForURLAsync(url => url.EndsWith($"community=1&grid={grid}", StringComparison.Ordinal), Committed);
        await WaitForFiguresAsync(page);
        var gridFigures = await FiguresAsync(page);
        link = page.Url;
        await page.GotoAsync(link);
        await WaitForFiguresAsync(page);
        Assert.Equal(gridFigures, await FiguresAsync(page));
    });

    [SkippableFact]
    public Task ABadLink_IsExplainedInChinese_AndAForeignCommunity_IsRefused() => app.RunAsync("bad-link", async () =>
    {
        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, "/?period=2026-13");
        await page.Locator(".filter-problems").WaitForAsync();
        await WaitForChartsAsync(page);

        await app.OpenAsync(page, "/?community=999");
        await page.Locator(".dashboard-refusal").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-chart-key]").CountAsync());
        Assert.Equal(0, await page.Locator(".baihe-tile").CountAsync());
    });

    [SkippableTheory]
    [InlineData("district")]
    [InlineData("/?community=1")]
    public Task CommandView_HasNoSeriousOrCriticalAccessibilityViolations(string path) => app.RunAsync("axe", async () =>
    {
        var page = await app.SignInAsync("jiedao");
        await app.OpenAsync(page, path);
        await WaitForChartsAsync(page);
        // The layout's 演示模式 banner is the theme's, not the command view's; it is reported separately.
        var result = await page.RunAxe(new AxeRunContext { Exclude = [new AxeSelector(".demo-banner")] });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    });

    [SkippableTheory]
    [InlineData("district", 1440, 900)]
    [InlineData("district", 390, 844)]
    [InlineData("/?community=1", 1440, 900)]
    [InlineData("/?community=1", 390, 844)]
    public Task CommandView_FitsTheScreen_AndIsPhotographed(string path, int width, int height) => app.RunAsync("shots", async () =>
    {
        var page = await app.SignInAsync("jiedao", width, height);
        await app.OpenAsync(page, path);
        await WaitForChartsAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{path}: page is {widths[0]}px wide in a {widths[1]}px viewport");
        // Every chart spans its card: full width on a phone.
        var canvases = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.baihe-chart-canvas')].map(c => c.getBoundingClientRect().width)");
        if (width < 600)
        {
            Assert.All(canvases, w => Assert.True(w >= width - 80, $"a chart is {w}px wide on a {width}px phone"));
        }
        Directory.CreateDirectory(Shots);
        var name = (path.Contains("community", StringComparison.Ordinal) ? "overview" : "district") + $"-{width}x{height}.png";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, name), FullPage = true });
        output.WriteLine($"{name}: {canvases.Length} charts");
    });

    /// <summary>Clicks every drawn bar, slice and point of every chart on the page; returns how many.</summary>
    private async Task<int> ClickEveryValueAsync(IPage page)
    {
        var view = page.Url;
        await WaitForChartsAsync(page);
        var keys = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-chart-key]')].map(c => c.dataset.chartKey)");
        Assert.NotEmpty(keys);
        var clicked = 0;
        foreach (var key in keys)
        {
            foreach (var point in await PointsAsync(page, key))
            {
                if (point.Value == 0)
                {
                    continue; // Nothing is drawn for a zero: no bar, no slice to click.
                }
                var chart = page.Locator($"[data-chart-key='{key}']");
                var cell = chart.Locator($"td[data-series='{point.Series}'][data-index='{point.Index}']");
                var tableValue = double.Parse((await cell.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
                Assert.Equal(tableValue, point.Value, 6);
                var href = await cell.Locator("a").GetAttributeAsync("href");
                Assert.False(href is null, $"{key}[{point.Series},{point.Index}] has no drill-down link in its table");

                // Two lines at the same value share a pixel, and the click reaches the one drawn on top; a covered point
                // is opened through its table link, which the chart click was just shown to equal for the others.
                var points = await PointsAsync(page, key);
                var covered = points.Any(o => o.Series > point.Series && Math.Abs(o.X - point.X) < 6 && Math.Abs(o.Y - point.Y) < 6);
                if (covered)
                {
                    await page.Locator($"[data-chart-key='{key}'] td[data-series='{point.Series}'][data-index='{point.Index}'] a").EvaluateAsync("a => a.click()");
                }
                else
                {
                    // A chart the live feed redraws at the moment of the click (other stories write while this one
                    // clicks ~40 values) drops that click, and a person clicks again: so does the story, at the point
                    // as now drawn, at most three times. A chart click that never opens the list still fails.
                    for (var attempt = 1; ; attempt++)
                    {
                        var now = (await PointsAsync(page, key)).Single(o => o.Series == point.Series && o.Index == point.Index);
                        await chart.Locator(".baihe-chart-canvas").ClickAsync(new LocatorClickOptions { Position = new Position { X = (float)now.X, Y = (float)now.Y } });
                        try
                        {
                            await page.WaitForURLAsync(url => url.Contains("/drill?", StringComparison.Ordinal),
                                new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit, Timeout = 5_000 });
                            break;
                        }
                        catch (TimeoutException) when (attempt < 3)
                        {
                            output.WriteLine($"{key}[{point.Series},{point.Index}]: click {attempt} opened nothing; clicking again");
                        }
                    }
                }
                await page.WaitForURLAsync(url => url.Contains("/drill?", StringComparison.Ordinal), Committed);
                Assert.EndsWith("/" + href, page.Url, StringComparison.Ordinal);
                await page.Locator(".drill-count, .drill-refusal").First.WaitForAsync();
                if (await page.Locator(".drill-refusal").CountAsync() > 0)
                {
                    Assert.Fail($"{key}[{point.Series},{point.Index}] {page.Url}: {await page.Locator(".drill-refusal").InnerTextAsync()}");
                }
                var metric = Uri.UnescapeDataString(Regex.Match(page.Url, "metric=([^&]+)").Groups[1].Value);
                var figure = Baihe.Data.Dashboard.DrillMetrics.IsTotal(metric)
                    ? double.Parse((await page.Locator(".drill-total").GetAttributeAsync("data-total"))!, CultureInfo.InvariantCulture)
                    : double.Parse((await page.Locator(".drill-count").GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(figure - tableValue) < 0.001, $"{key}[{point.Series},{point.Index}] shows {tableValue}, its list {page.Url} has {figure}");
                clicked++;

                // Back within the app is a history step the circuit answers, not always a fresh load: under CI load the
                // "load" event it waited for never came. The address and the drawn charts below are what a person waits for.
                await page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.Commit });
                await page.WaitForURLAsync(view, Committed);
                await WaitForChartsAsync(page);
            }
        }
        output.WriteLine($"{view}: {clicked} values clicked");
        return clicked;
    }

    // Each wait on the address is followed by a wait for what the page shows, so it waits only for the address to
    // change: in-app navigations have no "load" of their own, and under CI load waiting for one timed out.
    private static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    private sealed record ChartPoint(int Series, int Index, double Value, double X, double Y);

    private static async Task<ChartPoint[]> PointsAsync(IPage page, string key)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            "k => baiheCharts.points(document.querySelector(`[data-chart-key='${k}'] .baihe-chart-canvas`).id)", key);
        return json.EnumerateArray().Select(p => new ChartPoint(p.GetProperty("series").GetInt32(), p.GetProperty("index").GetInt32(),
            p.GetProperty("value").GetDouble(), p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble())).ToArray();
    }

    /// <summary>Waits until every chart on the page has drawn its options.</summary>
    private static Task WaitForChartsAsync(IPage page) => page.WaitForFunctionAsync(
        "() => { const c = [...document.querySelectorAll('.baihe-chart-canvas')]; return c.length > 0 && c.every(e => window.baiheCharts && baiheCharts.ready(e.id)); }");

    /// <summary>Waits until the figures on the page were counted under the filter in the address bar, and the charts drew them.</summary>
    private static async Task WaitForFiguresAsync(IPage page)
    {
        var query = new Uri(page.Url).Query.TrimStart('?');
        await page.Locator($"[data-filter='{query}']").WaitForAsync();
        await WaitForChartsAsync(page);
    }

    /// <summary>Every chart's data table and every tile, as text: what the page shows, to compare two loads.</summary>
    private static Task<string> FiguresAsync(IPage page) => page.EvaluateAsync<string>(
        "() => [...document.querySelectorAll('.chart-data-table, .baihe-tile, .district-table')].map(e => e.textContent.replace(/\\s+/g, ' ')).join('\\n')");

    /// <summary>Console errors, CSP reports and failed scripts on the page, as they happen.</summary>
    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        return problems;
    }
}
