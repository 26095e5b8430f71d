using System.Security.Claims;
using Baihe.Dashboard.Components.Pages.Admin;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Baihe.Tests.Dashboard.Pages.Admin;

/// <summary>Ending someone's sessions or disabling them throws them out at once: the page asks first, and only a yes writes.</summary>
public class UserAdminPageTests
{
    [Fact]
    public async Task EndAllSessions_AsksFirst_CancelWritesNothing_ConfirmEndsThem()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db);
        var users = new UserQueries(db.Factory);
        var before = (await users.FindByUserNameAsync("yinhui"))!.SecurityStamp;
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<UserAdminPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".end-sessions")));

        Row(cut, "yinhui").QuerySelector(".end-sessions")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("的所有已登录设备立即退出", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("的所有已登录设备立即退出", dialogs.Markup));
        Assert.Equal(before, (await users.FindByUserNameAsync("yinhui"))!.SecurityStamp);

        Row(cut, "yinhui").QuerySelector(".end-sessions")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("的所有已登录设备立即退出", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "结束所有会话").Click();
        await WaitAsync(async () => (await users.FindByUserNameAsync("yinhui"))!.SecurityStamp != before);
    }

    [Fact]
    public async Task Disabling_AsksFirst_AndCancelLeavesTheAccountEnabled()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db);
        var users = new UserQueries(db.Factory);
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<UserAdminPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".end-sessions")));

        Row(cut, "xinhuo").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "停用").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("将立即退出所有已打开的页面", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("将立即退出所有已打开的页面", dialogs.Markup));
        Assert.False((await users.FindByUserNameAsync("xinhuo"))!.IsDisabled);

        Row(cut, "xinhuo").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "停用").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("将立即退出所有已打开的页面", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "停用").Click();
        await WaitAsync(async () => (await users.FindByUserNameAsync("xinhuo"))!.IsDisabled);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<UserAdminPage> cut, string userName) =>
        cut.FindAll("tr").Single(r => r.QuerySelector("td")?.TextContent.Trim() == userName);

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(await condition());
    }

    private static async Task<BunitContext> ContextAsync(TestDatabase db)
    {
        var admin = await db.ActorAsync("admin");
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock)
            .AddSingleton<UserQueries>().AddSingleton<UserCommands>().AddSingleton<CommunityQueries>().AddSingleton<TeamQueries>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("admin");
        auth.SetRoles(admin.Role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.UserId.ToString()), new Claim(BaiheClaims.Stamp, admin.SecurityStamp!));
        return ctx;
    }
}
