using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Baihe.Dashboard;
using Baihe.Dashboard.Services.Auth;
using Baihe.Tests.Browser;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Baihe.Tests.Deploy;

/// <summary>
/// The deployment of deploy/: nginx with sticky sessions in front of two app servers on one database. A browser stays
/// on its server, sees another server's writes live, and when its server stops it lands on the other one still signed
/// in. In the browser collection: it drives the same Chromium, and its live budget must not share the CPU with them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NginxTwoServerTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly TimeSpan LiveBudget = TimeSpan.FromSeconds(2);

    private static readonly string InstanceHeader = DashboardServices.InstanceHeader.ToLowerInvariant();

    [SkippableFact]
    public Task ABrowser_StaysOnItsServer_SeesTheOthersWritesLive_AndMovesToTheOtherSignedIn_WhenItsServerStops() =>
        browser.RunAsync("nginx-two-servers", async () =>
        {
            RequireNginx();
            await using var site = new NginxSite();
            try
            {
                await site.StartAsync();
                await Story(site);
            }
            catch (Exception e) when (e is not Xunit.SkipException)
            {
                throw new Exception($"nginx error log:\n{site.ErrorLog()}", e);
            }
        });

    private async Task Story(NginxSite site)
    {
        // Signed in through nginx, pinned to one server: every page it loads comes from there.
        var (official, pinned) = await SignInAsync(site, "jiedao", prefer: null);
        for (var i = 0; i < 3; i++)
        {
            // The community's overview (an official's home is the district view; the tiles are here).
            Assert.Equal(pinned, await OpenAsync(site, official, "/?community=1"));
        }
        var other = site.Instances.Single(n => n != pinned);
        output.WriteLine($"official pinned to {pinned}");

        // A lead on the other server adds a member; the official's page, served by the first, shows it live.
        var (lead, leadServer) = await SignInAsync(site, "jinjiejie", prefer: other);
        Assert.Equal(other, leadServer);
        var volunteers = official.Locator(".baihe-tile[data-tile='volunteers'] .kpi-value");
        await official.Locator(".updated-at").WaitForAsync();
        var before = Number(await volunteers.InnerTextAsync());
        await official.EvaluateAsync("() => window.__baiheNoReload = true");
        await OpenAsync(site, lead, $"teams/{await TeamIdAsync(site, "金姐姐")}");
        await lead.ClickAsync(".open-add");
        await lead.GetByText("新居民").ClickAsync();
        await lead.FillAsync(".new-name input", "双机测试" + Guid.NewGuid().ToString("N")[..4]);
        await lead.ClickAsync(".new-grid");
        await lead.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await lead.ClickAsync(".submit-add");
        await lead.GetByText("已添加成员。").WaitForAsync();
        // From the moment the other server confirmed the write (it is committed then).
        var sinceWrite = Stopwatch.StartNew();
        while (Number(await volunteers.InnerTextAsync()) != before + 1)
        {
            if (sinceWrite.Elapsed > LiveBudget)
            {
                throw new TimeoutException($"志愿者人数 on server {pinned} not updated {sinceWrite.Elapsed.TotalSeconds:F1} s after the write on {other}.");
            }
            await Task.Delay(100);
        }
        output.WriteLine($"write on {other} visible on {pinned} after {sinceWrite.Elapsed.TotalSeconds:F2} s");
        Assert.True(await official.EvaluateAsync<bool>("() => window.__baiheNoReload === true"), "the official's page was reloaded");

        // The official's server stops. The circuit's reconnect reaches the other server through nginx, which does not
        // know the circuit; the reconnect UI reloads the page, which the other server serves signed in.
        var landed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        official.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Headers.TryGetValue(InstanceHeader, out var server) && server == other)
            {
                landed.TrySetResult(response.Url);
            }
        };
        var stopped = Stopwatch.StartNew();
        await site.StopAsync(pinned);
        var url = await landed.Task.WaitAsync(TimeSpan.FromSeconds(45));
        output.WriteLine($"reloaded from {other} {stopped.Elapsed.TotalSeconds:F1} s after {pinned} stopped: {url}");
        Assert.DoesNotContain("/login", url, StringComparison.Ordinal);
        await official.Locator("#baihe-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        Assert.DoesNotContain("/login", official.Url, StringComparison.Ordinal);

        // And it works there: a click goes through the new circuit.
        await official.SelectOptionAsync(".filter-kind", "H1");
        await official.WaitForURLAsync(u => u.Contains("period=", StringComparison.Ordinal) && u.Contains("H1", StringComparison.Ordinal));
        Assert.Equal(other, await OpenAsync(site, official, "/?community=1"));
    }

    private void RequireNginx()
    {
        if (File.Exists(NginxSite.NginxPath))
        {
            return;
        }
        var reason = $"nginx not found at {NginxSite.NginxPath} (apt-get install nginx, or set {NginxSite.NginxVariable}).";
        if (Environment.GetEnvironmentVariable(BrowserFixture.RequireVariable) == "1")
        {
            throw new InvalidOperationException($"{reason} {BrowserFixture.RequireVariable}=1 makes this a failure.");
        }
        Skip.If(true, reason);
    }

    /// <summary>
    /// A new browser context signed in through nginx. With <paramref name="prefer"/>, new contexts (no affinity cookie
    /// yet) are tried until nginx pins one to that server; only the login page is loaded meanwhile, never posted, so
    /// the sign-in rate limit is not spent.
    /// </summary>
    private async Task<(IPage Page, string Server)> SignInAsync(NginxSite site, string userName, string? prefer)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
                Locale = "zh-CN",
                TimezoneId = "Asia/Shanghai",
            });
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(site.BaseUrl + "/login");
            var server = response!.Headers[InstanceHeader];
            if (prefer is not null && server != prefer)
            {
                await context.CloseAsync();
                continue;
            }
            await page.FillAsync("#username", userName);
            await page.FillAsync("#password", DemoAccounts.Password);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
            return (page, server);
        }
        throw new InvalidOperationException($"nginx never pinned a new browser to server {prefer} in 30 tries: the hash is not spreading browsers.");
    }

    /// <summary>Opens a page through nginx, waits for its circuit, and returns the server that served it.</summary>
    private static async Task<string> OpenAsync(NginxSite site, IPage page, string path)
    {
        var response = await page.GotoAsync(site.BaseUrl + "/" + path.TrimStart('/'));
        await page.Locator("#baihe-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        return response!.Headers[InstanceHeader];
    }

    private static async Task<long> TeamIdAsync(NginxSite site, string name)
    {
        await using var db = new SqliteConnection($"Data Source={site.DatabaseFile}");
        await db.OpenAsync();
        return await db.QuerySingleAsync<long>("SELECT Id FROM Team WHERE Name = @name", new { name });
    }

    private static int Number(string text) => int.Parse(Regex.Match(text.Replace(",", "", StringComparison.Ordinal), @"\d+").Value, CultureInfo.InvariantCulture);
}
