using System.Globalization;
using Baihe.Tests.Dashboard.Host;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.Browser;

/// <summary>
/// A roster longer than the demo's, end to end in headless Chromium: the page's circuit must survive its own start-up
/// (a roster's prerendered state once outgrew SignalR's 32 KB message limit and every button silently did nothing).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LongRosterStoryTests(BrowserFixture app)
{
    private const int RosterSize = 60;

    [SkippableFact]
    public Task Secretary_EditsAPhone_OnARosterOf60Members() => app.RunAsync("long-roster", async () =>
    {
        long teamId;
        await using (var db = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            teamId = await db.QuerySingleAsync<long>("SELECT Id FROM Team WHERE Name = '新火先锋队';");
            var current = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Membership WHERE TeamId = @teamId AND LeftOn IS NULL;", new { teamId });
            await SessionAndCircuitStateTests.AddMembersAsync(app.DatabaseFile, "新火先锋队", RosterSize - current);
        }
        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, $"teams/{teamId}");
        var rows = page.Locator(".roster-table tbody tr");
        Assert.Equal(RosterSize.ToString(CultureInfo.InvariantCulture), (await page.Locator(".roster-count").InnerTextAsync()).Trim());
        // The last row: far down a long list, after everything the circuit had to take in when it started.
        var row = rows.Last;
        var name = (await row.Locator(".member-name").InnerTextAsync()).Trim();
        var phone = "138" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

        await row.Locator(".edit-member").ClickAsync();
        await page.FillAsync(".edit-phone input", phone);
        await page.ClickAsync(".save-contact");
        await page.GetByText("已保存联系方式。").WaitForAsync();

        await page.Locator(".roster-table tr", new() { HasText = name }).Locator(".member-phone", new() { HasText = phone }).WaitForAsync();
        await using var check = new SqliteConnection($"Data Source={app.DatabaseFile}");
        Assert.Equal(phone, await check.QuerySingleAsync<string>(
            "SELECT m.Phone FROM Member m JOIN Membership ms ON ms.MemberId = m.Id WHERE ms.TeamId = @teamId AND ms.LeftOn IS NULL AND m.Name = @name",
            new { teamId, name }));
    });
}
