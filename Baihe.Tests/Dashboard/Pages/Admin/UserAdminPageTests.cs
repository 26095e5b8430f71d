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

    [Fact]
    public async Task ResetPassword_AsksFirst_ThenShowsTheTemporaryPasswordOnce_WhichSignsInAndMustBeChanged()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db);
        var users = new UserQueries(db.Factory);
        var before = (await users.FindByUserNameAsync("xinhuo"))!;
        var dialogs = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<UserAdminPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".reset-password")));

        Row(cut, "xinhuo").QuerySelector(".reset-password")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("生成临时密码", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("生成临时密码", dialogs.Markup));
        Assert.Equal(before.PasswordHash, (await users.FindByUserNameAsync("xinhuo"))!.PasswordHash);
        Assert.Empty(cut.FindAll(".temporary-password"));

        Row(cut, "xinhuo").QuerySelector(".reset-password")!.Click();
        dialogs.WaitForAssertion(() => Assert.Contains("生成临时密码", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "重置密码").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".temporary-password code")));

        var shown = cut.Find(".temporary-password code").TextContent.Trim();
        var after = (await users.FindByUserNameAsync("xinhuo"))!;
        Assert.True(SignInService.Verify(after.PasswordHash, shown));
        Assert.True(after.MustChangePassword);
        cut.WaitForAssertion(() => Assert.Contains("待改密码", Row(cut, "xinhuo").TextContent));
    }

    [Fact]
    public async Task EachAccount_ShowsItsLastSignIn_OrThatItNeverSignedIn()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var yinhui = (await new UserQueries(db.Factory).FindByUserNameAsync("yinhui"))!;
        await new UserCommands(db.Factory, db.Clock).RecordSignInAsync(yinhui.Id, "198.51.100.23");
        await using var ctx = await ContextAsync(db);
        var cut = ctx.Render<UserAdminPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".last-sign-in")));

        var cell = Row(cut, "yinhui").QuerySelector(".last-sign-in")!.TextContent;
        Assert.Contains("198.51.100.23", cell);
        Assert.Contains(db.Clock.Now.ToString("yyyy-MM-dd HH:mm"), cell);
        Assert.Contains("从未登录", Row(cut, "xinhuo").QuerySelector(".last-sign-in")!.TextContent);
    }

    [Fact]
    public async Task ANonAdmin_SeesNoResetOrOtherAccountsEndSessionsButtons()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var lead = await db.ActorAsync("jinjiejie");
        await using var ctx = await ContextAsync(db, lead);
        var cut = ctx.Render<UserAdminPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tr")));

        Assert.Empty(cut.FindAll(".reset-password"));
        // Only their own row offers to end sessions (the rule lets anyone sign themselves out everywhere).
        Assert.All(cut.FindAll(".end-sessions"), b => Assert.Equal("jinjiejie", b.Closest("tr")!.QuerySelector("td")!.TextContent.Trim()));
    }

    [Fact]
    public async Task SettingAnAccountsEmail_RefusesABadAddressInChinese_ThenSavesAGoodOne_AndShowsIt()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db);
        var users = new UserQueries(db.Factory);
        var cut = ctx.Render<UserAdminPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".set-email")));

        Row(cut, "yinhui").QuerySelector(".set-email")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("设置 yinhui 的邮箱", cut.Find(".set-email-form").TextContent));
        cut.Find(".set-email-form input[type=email]").Change("不是邮箱");
        cut.FindAll(".set-email-form button").Single(b => b.TextContent.Trim() == "保存").Click();
        cut.WaitForAssertion(() => Assert.Contains("邮箱地址格式不正确", cut.Find(".set-email-form").TextContent));
        Assert.Null((await users.FindByUserNameAsync("yinhui"))!.Email);

        cut.Find(".set-email-form input[type=email]").Change("yinhui@example.cn");
        cut.FindAll(".set-email-form button").Single(b => b.TextContent.Trim() == "保存").Click();
        await WaitAsync(async () => (await users.FindByUserNameAsync("yinhui"))!.Email == "yinhui@example.cn");
        cut.WaitForAssertion(() => Assert.Equal("yinhui@example.cn", Row(cut, "yinhui").QuerySelector(".user-email")!.TextContent.Trim()));
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

    private static async Task<BunitContext> ContextAsync(TestDatabase db, Actor? actor = null)
    {
        var admin = actor ?? await db.ActorAsync("admin");
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock)
            .AddSingleton<UserQueries>().AddSingleton<UserCommands>().AddSingleton<PasswordChanger>().AddSingleton<CommunityQueries>().AddSingleton<TeamQueries>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(admin.UserName);
        auth.SetRoles(admin.Role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.UserId.ToString()), new Claim(BaiheClaims.Stamp, admin.SecurityStamp!));
        return ctx;
    }
}
