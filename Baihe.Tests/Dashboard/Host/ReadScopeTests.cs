using Microsoft.Extensions.DependencyInjection;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Dashboard.Host;

public class ReadScopeTests
{
    [Fact]
    public async Task ASecretaryOfAnotherCommunity_SeesOnlyTheirOwn_AndAForgedCommunityOrTeamIdIsRefused()
    {
        await using var app = new AppFactory();
        using (app.NoRedirectClient())
        {
        }
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            await Dapper.SqlMapper.ExecuteAsync(conn, "INSERT INTO Community (SubDistrictId, Name) VALUES (1, '榕树社区');");
        }
        // The demo seeds sample communities too; the new one takes the next id.
        int communityId;
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            communityId = await Dapper.SqlMapper.ExecuteScalarAsync<int>(conn, "SELECT Id FROM Community WHERE Name = '榕树社区';");
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var commands = scope.ServiceProvider.GetRequiredService<Baihe.Data.Accounts.UserCommands>();
            var created = await commands.CreateAsync(Baihe.Dashboard.Services.Auth.DemoAccounts.System, new Baihe.Data.Accounts.NewUser(
                "rongshu", "榕树书记", Baihe.Dashboard.Services.Auth.SignInService.Hash("rongshu-password"), Baihe.Data.Accounts.Roles.Secretary, CommunityId: communityId));
            Assert.True(created.Ok, created.Error);
        }
        using var client = await app.SignedInClientAsync("rongshu", "rongshu-password");
        using var official = await app.SignedInClientAsync("jiedao");

        var forged = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/?community=1"));
        var own = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        var team = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/teams/1"));
        var officialView = System.Net.WebUtility.HtmlDecode(await official.GetStringAsync($"/?community={communityId}"));

        // A forged community is refused outright, neither shown nor silently replaced by the user's own.
        Assert.Contains(Baihe.Data.Communities.CommunityChoice.Refused, forged);
        Assert.DoesNotContain("kpi-value\">65", forged);
        Assert.DoesNotContain("榕树社区", forged);
        Assert.Contains("榕树社区", own);
        Assert.DoesNotContain("kpi-value\">65", own);
        Assert.Contains("找不到这支队伍", team);
        // The official's sub-district holds both communities, so they may look at either.
        Assert.Contains("榕树社区", officialView);
    }
}
