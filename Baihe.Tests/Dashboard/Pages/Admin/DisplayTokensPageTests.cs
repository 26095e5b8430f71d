using System.Security.Claims;
using Baihe.Dashboard.Components.Pages.Admin;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Screens;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Baihe.Tests.Dashboard.Pages.Admin;

/// <summary>The display-token page: the address is shown once at creation, and revoking (final) asks first.</summary>
public class DisplayTokensPageTests
{
    [Fact]
    public async Task Create_ShowsTheScreenAddressOnce_WhoseTokenIsTheOneStoredAsAHash()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db);
        var cut = ctx.Render<DisplayTokensPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".create-screen")));

        cut.Find(".new-screen-name input").Change("指挥中心大屏");
        cut.Find(".create-screen").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".created-url input")));
        var url = cut.Find(".created-url input").GetAttribute("value")!;
        Assert.Contains("/screen?token=", url);
        var token = url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        await using (var conn = await db.Factory.OpenAsync())
        {
            Assert.Equal(DisplayTokenSecret.Hash(token), await conn.QuerySingleAsync<string>("SELECT TokenHash FROM DisplayToken;"));
        }
        Assert.Contains("指挥中心大屏", cut.Find(".screen-tokens").TextContent);

        // Opened again, the page lists the token but can no longer show its address.
        var again = ctx.Render<DisplayTokensPage>();
        again.WaitForAssertion(() => Assert.Contains("指挥中心大屏", again.Find(".screen-tokens").TextContent));
        Assert.DoesNotContain(token, again.Markup);
    }

    [Fact]
    public async Task Revoke_AsksFirstSayingTheScreenStops_CancelKeepsTheToken_ConfirmRevokesIt()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var token = DisplayTokenSecret.NewToken();
        Assert.True((await new DisplayTokenCommands(db.Factory, db.Clock).CreateAsync(await db.ActorAsync("admin"), 1, "指挥中心大屏", token)).Ok);
        var tokens = new DisplayTokenQueries(db.Factory, db.Clock);
        await using var ctx = await ContextAsync(db);
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<DisplayTokensPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".revoke-token")));

        cut.Find(".revoke-token").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("将在 5 秒内停止显示", dialogs.Markup));
        Assert.Contains("无法恢复", dialogs.Markup);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("将在 5 秒内停止显示", dialogs.Markup));
        Assert.NotNull(await tokens.ResolveAsync(token));

        cut.Find(".revoke-token").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("将在 5 秒内停止显示", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "撤销").Click();

        cut.WaitForAssertion(() => Assert.Contains("已撤销", cut.Find(".token-status").TextContent));
        Assert.Null(await tokens.ResolveAsync(token));
        Assert.Empty(cut.FindAll(".revoke-token"));
    }

    [Fact]
    public async Task TheSearchBox_FiltersTheListByNameOrSubDistrict()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var commands = new DisplayTokenCommands(db.Factory, db.Clock);
        var admin = await db.ActorAsync("admin");
        await commands.CreateAsync(admin, 1, "指挥中心大屏", DisplayTokenSecret.NewToken());
        await commands.CreateAsync(admin, 1, "会议室电视", DisplayTokenSecret.NewToken());
        await using var ctx = await ContextAsync(db);
        var cut = ctx.Render<DisplayTokensPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".token-name").Count));

        cut.Find(".screen-search input").Input("会议");

        cut.WaitForAssertion(() => Assert.Equal(["会议室电视"], cut.FindAll(".token-name").Select(t => t.TextContent.Trim())));
    }

    private static async Task<BunitContext> ContextAsync(TestDatabase db)
    {
        var admin = await db.ActorAsync("admin");
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock)
            .AddSingleton<DisplayTokenQueries>().AddSingleton<DisplayTokenCommands>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles(admin.Role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.UserId.ToString()), new Claim(BaiheClaims.Stamp, admin.SecurityStamp!));
        return ctx;
    }
}
