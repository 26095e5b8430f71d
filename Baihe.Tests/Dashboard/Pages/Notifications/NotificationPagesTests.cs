using Baihe.Dashboard.Components.Pages.Account;
using Baihe.Dashboard.Components.Pages.Notifications;
using Baihe.Dashboard.Services;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace Baihe.Tests.Dashboard.Pages.Notifications;

/// <summary>The notification list and settings pages over a real database, signed in as 银辉先锋's lead.</summary>
public class NotificationPagesTests
{
    private static async Task<BunitContext> ContextAsync(TestDatabase db, string userName)
    {
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory);
        ctx.Services.AddSingleton(db.Clock);
        ctx.Services.AddSingleton<NotificationQueries>();
        ctx.Services.AddSingleton<NotificationCommands>();
        ctx.Services.AddSingleton(new ChangeFeed(new ChangeFeedQueries(db.Factory), NullLogger<ChangeFeed>.Instance));
        ctx.Services.AddScoped<ReconnectNotifier>();
        ctx.Services.AddScoped<CurrentActor>();
        ctx.SignIn(await db.ActorAsync(userName), userName);
        return ctx;
    }

    private static async Task NotifyAsync(TestDatabase db, string userName, string title)
    {
        await using var conn = await db.Factory.OpenAsync();
        await conn.ExecuteAsync("""
            INSERT INTO Notification (UserId, Kind, Title, Body, Link, CreatedAt)
            SELECT Id, 'TaskAssigned', @title, '民呼我应诉求已分派给您的队伍。', 'tasks/1', '2026-11-26 09:00:00' FROM AppUser WHERE UserName = @userName;
            """, new { userName, title });
    }

    [Fact]
    public async Task TheList_ShowsOnlyMyOwn_AndSearchesThem()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await NotifyAsync(db, "yinhui", "新任务：路灯不亮");
        await NotifyAsync(db, "yinhui", "新任务：井盖松动");
        await NotifyAsync(db, "jinjiejie", "新任务：别人的通知");
        await using var ctx = await ContextAsync(db, "yinhui");
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/notifications?q=井盖");

        var cut = ctx.Render<NotificationsPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".notification-item")));
        Assert.Contains("井盖松动", cut.Find(".notification-item.unread").TextContent);
        Assert.Contains("共 1 条，未读 2 条", cut.Find(".notification-total").TextContent);
        Assert.DoesNotContain("别人的通知", cut.Markup);
    }

    [Fact]
    public async Task Settings_SavesTheChoices_AndSaysSoInChinese()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "yinhui");

        var cut = ctx.Render<NotificationSettingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(NotificationKinds.All.Count, cut.FindAll("input[type=checkbox]").Count));
        cut.Find($".setting-{NotificationKinds.TaskRemind} input").Change(false);
        cut.Find("button.save-settings").Click();

        cut.WaitForAssertion(() => Assert.Contains(ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "已保存：不再接收催办通知。"));
        var yinhui = await db.ActorAsync("yinhui");
        var stored = await new NotificationQueries(db.Factory).PreferencesAsync(yinhui.UserId);
        Assert.False(stored.Single(p => p.Kind == NotificationKinds.TaskRemind).Enabled);
        Assert.All(stored.Where(p => p.Kind != NotificationKinds.TaskRemind), p => Assert.True(p.Enabled));
    }
}
