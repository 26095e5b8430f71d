using System.Security.Claims;
using Baihe.Dashboard.Components.Pages.Points;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Points;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Points;

public class MemberPageTests
{
    [Fact]
    public async Task DoubleClickOnRedeem_DeductsOnce()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        int memberId;
        await using (var conn = await db.Factory.OpenAsync())
        {
            memberId = await conn.ExecuteScalarAsync<int>("INSERT INTO Member (GridId, Name, CreatedAt) VALUES (1, '兑换测试', '2026-01-01'); SELECT last_insert_rowid();");
            await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@memberId, 3, 20, '2026-03-01', 'Service', '2026-03-01');", new { memberId });
        }
        await using var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock)
            .AddSingleton<PointsQueries>().AddSingleton<ExchangeQueries>().AddSingleton<ExchangeCommands>()
            .AddSingleton<LedgerCommands>().AddSingleton<CommunityQueries>().AddScoped<CurrentActor>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("shuji");
        auth.SetRoles(Roles.Secretary);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, (await db.ActorAsync("shuji")).UserId.ToString()), new Claim(BaiheClaims.Community, "1"));
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        ctx.Render<MudBlazor.MudPopoverProvider>();

        var cut = ctx.Render<MemberPage>(p => p.Add(x => x.Id, memberId));
        cut.WaitForAssertion(() => Assert.StartsWith("20", cut.Find(".balance").TextContent.Trim()));
        int haircut;
        await using (var conn = await db.Factory.OpenAsync())
        {
            haircut = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Reward WHERE Name = '理发';");
        }
        // Choosing the reward is what a user does in the select; it starts a new redemption intent.
        var select = cut.FindComponent<MudBlazor.MudSelect<int?>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(haircut));
        cut.Find(".redeem").Click();
        cut.Find(".redeem").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("15", cut.Find(".balance").TextContent.Trim()));
        await using var check = await db.Factory.OpenAsync();
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption WHERE MemberId = @memberId;", new { memberId }));
    }
}
