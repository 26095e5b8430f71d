using Baihe.Data.Summaries;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Data.Teams;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// Irreversible points actions in a real browser: 结束活动并记分 asks first and 取消 writes nothing; a double click on
/// the way through 兑换's confirmation is one redemption.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConfirmationStoryTests(BrowserFixture app)
{
    [SkippableFact]
    public Task Secretary_CancelsClosingAnActivity_ThenConfirms_AndItIsCreditedOnce() => app.RunAsync("confirm-close-activity", async () =>
    {
        var factory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={app.DatabaseFile}"));
        var clock = new BaiheClock(TimeProvider.System);
        var shuji = await ActorAsync(factory, "shuji");
        var teams = new TeamQueries(factory);
        var team = (await teams.ListAsync(1)).Single(t => t.Name == "金姐姐").Id;
        var roster = (await teams.DetailAsync(team))!.Roster.Select(r => r.MemberId).Take(4).ToList();
        var commands = new ActivityCommands(factory, clock);
        var title = $"确认故事{Guid.NewGuid():N}"[..12];
        var created = await commands.CreateAsync(shuji, new ActivityInput(team, 2, title, "社区广场", clock.Today.AddDays(-1), 3));
        Assert.True(created.Ok, created.Error);
        var id = created.Id!.Value;
        Assert.True((await commands.SaveAttendanceAsync(shuji, id, roster)).Ok);

        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, $"activities/{id}");
        await page.ClickAsync(".close-activity");
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByText("将为 4 人各记 3 分").WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        Assert.Equal(("Open", 0), await StateAsync(id));

        await page.ClickAsync(".close-activity");
        await dialog.GetByText("将为 4 人各记 3 分").WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "结束并记分" }).ClickAsync();
        await page.GetByText("已结束并记分").First.WaitForAsync();

        Assert.Equal(("Closed", 4), await StateAsync(id));
    });

    [SkippableFact]
    public Task ADoubleClickThroughTheRedeemConfirmation_IsOneRedemption() => app.RunAsync("confirm-double-redeem", async () =>
    {
        int member;
        await using (var db = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            member = await db.ExecuteScalarAsync<int>("""
                INSERT INTO Member (GridId, Name, CreatedAt) VALUES (1, @name, '2026-01-01 00:00:00');
                SELECT last_insert_rowid();
                """, new { name = "双击兑换" + Random.Shared.Next(1000, 9999) });
            await db.ExecuteAsync("""
                INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt)
                VALUES (@member, 3, 50, '2026-03-01', 'Service', '2026-03-01 00:00:00');
                """, new { member });
            // The entry is written behind the app's back, so the point summaries the charts read are rebuilt to
            // include it, as the ledger helper would have kept them; other stories compare charts with the ledger.
            await db.OpenAsync();
            await PointSummaryRebuild.RunAsync(db, null);
        }
        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, $"members/{member}");
        await page.ClickAsync(".redeem-reward");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "理发" }).First.ClickAsync();

        // A double click on 兑换 opens one confirmation; a double click on its action redeems once.
        await page.DblClickAsync(".redeem");
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByText("分中扣除").WaitForAsync();
        Assert.Equal(1, await dialog.CountAsync());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "兑换" }).DblClickAsync();
        await page.GetByText("已兑换，待兑现。").WaitForAsync();

        await using var check = new SqliteConnection($"Data Source={app.DatabaseFile}");
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption WHERE MemberId = @member;", new { member }));
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE MemberId = @member AND Source = 'Redemption';", new { member }));
    });

    private async Task<(string Status, int Entries)> StateAsync(int activityId)
    {
        await using var db = new SqliteConnection($"Data Source={app.DatabaseFile}");
        var status = await db.ExecuteScalarAsync<string>("SELECT Status FROM Activity WHERE Id = @activityId;", new { activityId });
        var entries = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE ActivityId = @activityId;", new { activityId });
        return (status!, entries);
    }

    private static async Task<Actor> ActorAsync(DbConnectionFactory factory, string userName)
    {
        var user = await new UserQueries(factory).FindByUserNameAsync(userName) ?? throw new InvalidOperationException($"no user {userName}");
        return BaiheClaims.ToActor(BaiheClaims.Principal(user, "test"))!;
    }
}
