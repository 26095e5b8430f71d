using System.Security.Claims;
using Baihe.Dashboard.Components.Pages.Account;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Notifications;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Account;

public class AccountEmailPageTests
{
    [Fact]
    public async Task AUser_SetsTheirOwnEmailAndTurnsMailOff_AndIsToldWhenTheServerSendsNone()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var lead = await db.ActorAsync("jinjiejie");
        await using var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock).AddSingleton<UserQueries>().AddSingleton<UserCommands>()
            .AddSingleton(new EmailOutbox(EmailOptions.Disabled));
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(lead.UserName);
        auth.SetRoles(lead.Role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, lead.UserId.ToString()), new Claim(BaiheClaims.Stamp, lead.SecurityStamp!));

        var cut = ctx.Render<AccountEmailPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".own-email input")));
        Assert.Contains("尚未配置邮件服务器", cut.Find(".email-off").TextContent);

        cut.Find(".own-email input").Change("jin@example.cn");
        cut.Find(".own-email-notifications input").Change(false);
        cut.Find("button.save-email").Click();

        var users = new UserQueries(db.Factory);
        for (var i = 0; i < 100 && (await users.FindByIdAsync(lead.UserId))!.Email is null; i++)
        {
            await Task.Delay(50);
        }
        var saved = (await users.FindByIdAsync(lead.UserId))!;
        Assert.Equal("jin@example.cn", saved.Email);
        Assert.False(saved.EmailNotifications);
    }
}
