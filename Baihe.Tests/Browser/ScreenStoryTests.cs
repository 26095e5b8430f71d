using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Baihe.Tests.Browser;

/// <summary>
/// The 街道 command centre's big screen, end to end: an administrator makes a display token, a TV (a browser that never
/// signs in) opens its address, a secretary's write shows on the TV within 2 s, and revoking the token darkens it
/// within 5 s. Also: the screen fills common TV and laptop sizes without scrolling.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenStoryTests(BrowserFixture app, ITestOutputHelper output)
{
    private const string Refusal = "显示令牌无效或已撤销，请联系管理员。";

    [SkippableFact]
    public Task ASecretarysWrite_ShowsOnTheScreenWithin2s_AndRevokingTheToken_StopsItWithin5s() => app.RunAsync("screen-live-revoke", async () =>
    {
        var admin = await app.SignInAsync("admin");
        var url = await CreateTokenAsync(admin, "浏览器测试大屏" + Guid.NewGuid().ToString("N")[..4]);

        // A long rotation keeps the screen on the first community, the one the secretary works in.
        var tv = await TvAsync(url + "&rotate=600", 1920, 1080);
        var done = tv.Locator(".screen-kpi.tasks-done .kpi-value");
        await tv.Locator(".screen-community", new() { HasText = "百合园社区" }).WaitForAsync();
        var before = LiveExpect.Number(await done.InnerTextAsync());

        await using (var db = Open())
        {
            var taskId = await db.QueryFirstAsync<long>(
                "SELECT rt.Id FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId WHERE g.CommunityId = 1 AND rt.Stage = 'Resolved' ORDER BY rt.Id");
            var secretary = await app.SignInAsync("shuji");
            await app.OpenAsync(secretary, $"tasks/{taskId}");
            var clock = Stopwatch.StartNew();
            await secretary.Locator(".action-confirm").GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
            // Closing is irreversible, so the page asks first; the dialog's button closes it.
            await secretary.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确认办结" }).ClickAsync();
            await secretary.Locator(".task-stage", new() { HasText = "办结" }).WaitForAsync();
            await LiveExpect.ThatAsync(async () => LiveExpect.Number(await done.InnerTextAsync()) == before + 1, "今年办实事 +1 on the screen", clock, TimeSpan.FromSeconds(2), output);
        }

        await app.OpenAsync(admin, "admin/screens");
        var row = admin.Locator(".screen-tokens tr", new() { HasText = "浏览器测试大屏" });
        await row.Locator(".revoke-token").ClickAsync();
        await admin.GetByText("将在 5 秒内停止显示").WaitForAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "撤销" }).ClickAsync();
        var revoked = Stopwatch.StartNew();
        await admin.Locator(".token-status", new() { HasText = "已撤销" }).First.WaitForAsync();

        await LiveExpect.ThatAsync(async () => (await tv.ContentAsync()).Contains(Refusal, StringComparison.Ordinal), "the refusal on the screen", revoked, TimeSpan.FromSeconds(5), output);
        Assert.Equal(0, await tv.Locator(".screen-kpi").CountAsync());
        if (Environment.GetEnvironmentVariable("BAIHE_SCREENSHOTS") is { Length: > 0 } dir)
        {
            await tv.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "screen-refused-1920x1080.png") });
        }
    });

    [SkippableTheory]
    [InlineData(1920, 1080, 1)]
    [InlineData(1920, 1080, 2)]
    [InlineData(3840, 2160, 1)]
    [InlineData(1440, 900, 1)]
    public Task TheScreen_FillsTheViewport_WithoutScrolling(int width, int height, int scale) => app.RunAsync($"screen-{width}x{height}", async () =>
    {
        var admin = await app.SignInAsync("admin");
        var url = await CreateTokenAsync(admin, $"尺寸{width}x{height}x{scale}");
        var tv = await TvAsync(url + "&rotate=600", width, height, scale);
        await tv.Locator(".screen-kpi").First.WaitForAsync();
        // The bars grow by a transition; the screenshot should show them grown (the rotation's progress bar is an
        // animation over the whole turn, not a transition, so it is not waited for).
        await tv.WaitForFunctionAsync("() => document.getAnimations().filter(a => a instanceof CSSTransition).every(a => a.playState === 'finished')");
        // Saved before the checks, so a failure can be looked at.
        var dir = Environment.GetEnvironmentVariable("BAIHE_SCREENSHOTS") is { Length: > 0 } d ? d : Path.Combine(Repo.Root, "artifacts", "screens");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"screen-{width}x{height}@{scale}x.png");
        await tv.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        output.WriteLine($"saved {file}");

        var sizes = await tv.EvaluateAsync<int[]>("""
            () => {
              const d = document.documentElement, s = document.querySelector('.screen').getBoundingClientRect();
              const last = document.querySelector('.screen-footer').getBoundingClientRect();
              return [d.scrollWidth, d.clientWidth, d.scrollHeight, d.clientHeight, Math.round(s.width), Math.round(s.height), Math.round(last.bottom)];
            }
            """);
        Assert.True(sizes[0] <= sizes[1] && sizes[2] <= sizes[3], $"scrolls: {string.Join(",", sizes)}");
        Assert.Equal(width, sizes[4]);
        Assert.Equal(height, sizes[5]);
        Assert.True(sizes[6] <= height, $"the footer ends at {sizes[6]} px, below the {height} px screen");
        // Every panel's content stays inside its panel (nothing cut off by the fixed height).
        var overflowing = await tv.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.screen-panel, .screen-kpi')]
                  .filter(e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
                  .map(e => e.className)
            """);
        Assert.True(overflowing.Length == 0, "overflowing: " + string.Join("; ", overflowing));

    });

    /// <summary>Creates a display token on the admin page and returns the address it shows once.</summary>
    private async Task<string> CreateTokenAsync(IPage admin, string name)
    {
        await app.OpenAsync(admin, "admin/screens");
        await admin.FillAsync(".new-screen-name input", name);
        await admin.ClickAsync(".create-screen");
        var field = admin.Locator(".created-url input");
        await field.WaitForAsync();
        var url = await field.InputValueAsync();
        Assert.Contains("/screen?token=", url);
        return url;
    }

    /// <summary>A browser that never signs in, as a TV's: its own context, no cookies.</summary>
    private async Task<IPage> TvAsync(string url, int width, int height, int scale = 1)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = scale,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        await page.Locator("#baihe-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return page;
    }



    private SqliteConnection Open()
    {
        var conn = new SqliteConnection($"Data Source={app.DatabaseFile}");
        conn.Open();
        return conn;
    }
}
