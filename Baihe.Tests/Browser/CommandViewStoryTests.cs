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
