using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Teams;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.Browser;

/// <summary>
/// "Who tried what" answered in a minute: a lead's refused attempt on another team is found by an administrator in the
/// audit log, and the row opens the team it names.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditLogStoryTests(BrowserFixture app)
{
    [SkippableFact]
    public Task Admin_FindsTheRefusalLeftWhenLeadATriedToEditTeamB_AndOpensTheTeamFromIt() => app.RunAsync("audit-refusal", async () =>
    {
        long teamB;
        await using (var conn = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            teamB = await conn.QuerySingleAsync<long>("SELECT Id FROM Team WHERE Name = '银辉先锋';");
        }
        // Lead A (金姐姐's jinjiejie) sends a roster edit with team B's id, as a forged form would; the command refuses it.
        var db = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={app.DatabaseFile}"));
        var user = (await new UserQueries(db).FindByUserNameAsync("jinjiejie"))!;
        var leadA = BaiheClaims.ToActor(BaiheClaims.Principal(user, "test"))!;
        await Assert.ThrowsAsync<AccessDeniedException>(() => new RosterCommands(db, new BaiheClock(TimeProvider.System)).AddMemberAsync(leadA, (int)teamB,
            new AddMemberRequest { Name = "越权测试", GridId = 1, Role = RosterRole.Member, JoinedOn = DateTime.Today }));

        var admin = await app.SignInAsync("admin");
        await app.OpenAsync(admin, "admin/audit");
        await admin.ClickAsync(".filter-action");
        await admin.Locator(".mud-popover-open .mud-list-item", new() { HasText = "所有被拒绝的操作" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("action=Denied", StringComparison.Ordinal));
        var row = admin.Locator(".audit-table tbody tr", new() { HasText = "jinjiejie" }).Filter(new() { HasText = "被拒绝：添加队员" }).First;
        await row.WaitForAsync();
        Assert.Contains($"队伍 #{teamB}", await row.Locator(".audit-record").InnerTextAsync());

        await row.Locator(".record-link").ClickAsync();
        await admin.WaitForURLAsync(url => url.EndsWith($"/teams/{teamB}", StringComparison.Ordinal));
        await admin.GetByText("银辉先锋").First.WaitForAsync();
    });
}
