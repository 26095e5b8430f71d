using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Baihe.Tests.Browser;

/// <summary>
/// The three user stories, end to end in headless Chromium against the real app: officials watch live charts,
/// secretaries export the monthly report, leads keep their own roster current (and only their own).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserStoryTests(BrowserFixture app, ITestOutputHelper output)
{
    private static readonly TimeSpan LiveBudget = TimeSpan.FromSeconds(3);

    [SkippableFact]
    public Task Official_SeesTeamSizeAndVolunteerTile_Change_WhenALeadAddsAMember_WithoutReload() => app.RunAsync("live-roster", async () =>
    {
        var teamId = await TeamIdAsync("金姐姐");
        var official = await app.SignInAsync("jiedao");
        // An official's home is the district view; a row there opens the community's overview at this link.
        await app.OpenAsync(official, "/?community=1");
        var volunteers = official.Locator(".baihe-tile[data-tile='volunteers'] .kpi-value");
        // The chart's own data table carries its figures, so a redraw shows there as well as on the canvas.
        var teamChart = official.Locator("[data-chart-key='community.team-sizes'] .chart-data-table");
        await official.Locator(".updated-at").WaitForAsync();
        var volunteersBefore = LiveExpect.Number(await volunteers.InnerTextAsync());
        var chartBefore = await teamChart.InnerHTMLAsync();
        // A marker on the window survives re-renders but not a reload, so it proves the page changed in place.
        await official.EvaluateAsync("() => window.__baiheNoReload = true");

        var lead = await app.SignInAsync("jinjiejie");
        await app.OpenAsync(lead, $"teams/{teamId}");
        await lead.ClickAsync(".open-add");
        await lead.GetByText("新居民").ClickAsync();
        await lead.FillAsync(".new-name input", "浏览器测试" + Guid.NewGuid().ToString("N")[..4]);
        await lead.ClickAsync(".new-grid");
        await lead.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        var clock = Stopwatch.StartNew();
        await lead.ClickAsync(".submit-add");
        await lead.GetByText("已添加成员。").WaitForAsync();

        await LiveExpect.ThatAsync(async () => LiveExpect.Number(await volunteers.InnerTextAsync()) == volunteersBefore + 1, "志愿者人数 +1", clock, LiveBudget, output);
        await LiveExpect.ThatAsync(async () => await teamChart.InnerHTMLAsync() != chartBefore, "队伍人数 chart redrawn", clock, LiveBudget, output);
        Assert.True(await official.EvaluateAsync<bool>("() => window.__baiheNoReload === true"), "the official's page was reloaded");
    });

    [SkippableFact]
    public Task Secretary_ExportsLastMonth_AndTheWorkbookTotals_EqualTheDashboard() => app.RunAsync("export", async () =>
    {
        var china = DateTime.UtcNow.AddHours(8);
        var lastMonth = new DateTime(china.Year, china.Month, 1).AddMonths(-1);
        var page = await app.SignInAsync("shuji");
        // Last month as the period: the monthly chart then has that one month, and its data table holds the figures.
        await app.OpenAsync(page, $"/?period={lastMonth:yyyy-MM}");
        var row = page.Locator("[data-chart-key='community.monthly'] tr[data-index='0']");
        var tasksShown = int.Parse(await row.Locator("td[data-series='0']").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
        var wishesShown = int.Parse(await row.Locator("td[data-series='1']").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
        Assert.True(tasksShown + wishesShown > 0, "the demo data has work done last month, so the comparison means something");

        await app.OpenAsync(page, "reports");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".export"), new() { Timeout = 60_000 });
        Assert.Equal($"百合园社区_{lastMonth.Year}年{lastMonth.Month}月_月报.xlsx", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"baihe-download-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            using var workbook = new XLWorkbook(file);
            var overview = workbook.Worksheet("概览");
            int Figure(string name) => overview.Column(1).CellsUsed().Single(c => c.GetString() == name).CellRight().GetValue<int>();
            Assert.Equal(tasksShown, Figure("本月办结"));
            Assert.Equal(wishesShown, Figure("本月完成微心愿"));
        }
        finally
        {
            File.Delete(file);
        }
    });

    [SkippableFact]
    public Task Lead_EditsAMembersPhone_OnTheirOwnRoster() => app.RunAsync("edit-phone", async () =>
    {
        var teamId = await TeamIdAsync("金姐姐");
        var page = await app.SignInAsync("jinjiejie");
        await app.OpenAsync(page, $"teams/{teamId}");
        var firstRow = page.Locator(".roster-table tbody tr").First;
        var name = (await firstRow.Locator(".member-name").InnerTextAsync()).Trim();
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        await firstRow.Locator(".edit-member").ClickAsync();
        await page.FillAsync(".edit-phone input", phone);
        await page.ClickAsync(".save-contact");
        await page.GetByText("已保存联系方式。").WaitForAsync();

        // The lead sees the number in full on the page, and it is what the database now holds.
        await page.Locator(".roster-table tr", new() { HasText = name }).Locator(".member-phone", new() { HasText = phone }).WaitForAsync();
        await using var db = Open();
        Assert.Equal(phone, await db.QuerySingleAsync<string>(
            "SELECT m.Phone FROM Member m JOIN Membership ms ON ms.MemberId = m.Id WHERE ms.TeamId = @teamId AND ms.LeftOn IS NULL AND m.Name = @name",
            new { teamId, name }));
    });

    [SkippableFact]
    public Task Lead_OpeningAnotherTeamsMemberByUrl_IsRefused_AndSeesMaskedPhones() => app.RunAsync("refuse-other-team", async () =>
    {
        var teamId = await TeamIdAsync("银辉先锋");
        await using var db = Open();
        var (memberId, phone) = await db.QueryFirstAsync<(long, string)>(
            "SELECT m.Id, m.Phone FROM Member m JOIN Membership ms ON ms.MemberId = m.Id WHERE ms.TeamId = @teamId AND ms.LeftOn IS NULL AND m.Phone IS NOT NULL ORDER BY m.Id",
            new { teamId });
        var page = await app.SignInAsync("jinjiejie");
        await app.OpenAsync(page, $"teams/{teamId}/members/{memberId}");

        await page.Locator(".link-error", new() { HasText = "您只能编辑本队成员" }).WaitForAsync();
        Assert.Equal(0, await page.Locator(".roster-editor").CountAsync());
        Assert.Equal(0, await page.Locator(".edit-member").CountAsync());
        Assert.Equal(0, await page.Locator(".open-add").CountAsync());
        var html = await page.ContentAsync();
        Assert.DoesNotContain(phone, html);
        Assert.Contains($"{phone[..3]}****{phone[7..]}", html);
    });

    [SkippableFact]
    public Task ClosingATask_InOneBrowser_MovesTheTasksDoneTile_InAnother() => app.RunAsync("close-task", async () =>
    {
        await using var db = Open();
        var taskId = await db.QueryFirstAsync<long>("SELECT Id FROM ResidentTask WHERE Stage = 'Resolved' ORDER BY Id");
        var official = await app.SignInAsync("jiedao");
        await app.OpenAsync(official, "/?community=1");
        await official.Locator(".updated-at").WaitForAsync();
        var done = official.Locator(".baihe-tile[data-tile='tasksDone'] .kpi-value");
        var before = LiveExpect.Number(await done.InnerTextAsync());

        var secretary = await app.SignInAsync("shuji");
        await app.OpenAsync(secretary, $"tasks/{taskId}");
        var clock = Stopwatch.StartNew();
        await secretary.Locator(".action-confirm").GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        // Closing is irreversible, so the page asks first; the dialog's button closes it.
        await secretary.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "确认办结" }).ClickAsync();
        await secretary.Locator(".task-stage", new() { HasText = "办结" }).WaitForAsync();

        await LiveExpect.ThatAsync(async () => LiveExpect.Number(await done.InnerTextAsync()) == before + 1, "今年办实事 +1", clock, LiveBudget, output);
    });

    [SkippableTheory]
    [InlineData("/?community=1")]
    [InlineData("/district")]
    [InlineData("teams/{team}")]
    public Task PhoneWidth_RendersWithoutHorizontalScrolling(string path) => app.RunAsync("phone-width", async () =>
    {
        var page = await app.SignInAsync("jiedao", width: 390, height: 844);
        await app.OpenAsync(page, path.Replace("{team}", (await TeamIdAsync("金姐姐")).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await page.Locator(".baihe-tile, .district-comparison, .roster-table").First.WaitForAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{path}: page is {scroll}px wide in a {client}px viewport");
    });



    private SqliteConnection Open()
    {
        var conn = new SqliteConnection($"Data Source={app.DatabaseFile}");
        conn.Open();
        return conn;
    }

    private async Task<long> TeamIdAsync(string name)
    {
        await using var db = Open();
        return await db.QuerySingleAsync<long>("SELECT Id FROM Team WHERE Name = @name", new { name });
    }
}
