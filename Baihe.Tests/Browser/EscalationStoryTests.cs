using System.Diagnostics;
using System.Text.RegularExpressions;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Baihe.Tests.Browser;

/// <summary>
/// 催办 end to end: the secretary assigns an urgent task to 银辉先锋, the clock passes half its two hours, and the team's
/// lead sees the bell count rise without a reload, then opens the task from the notification.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EscalationStoryTests(EscalationBrowserFixture app, ITestOutputHelper output) : IClassFixture<EscalationBrowserFixture>
{
    private static readonly TimeSpan LiveBudget = TimeSpan.FromSeconds(5);

    [SkippableFact]
    public Task TheLead_SeesThe催办OnTheBellWithoutReload_AndOpensTheTaskFromIt() => app.RunAsync("escalation", async () =>
    {
        var title = "浏览器催办" + Guid.NewGuid().ToString("N")[..4];
        var taskId = await UrgentTaskAsync(title);

        var lead = await app.SignInAsync("yinhui", width: 390, height: 844);
        // This story starts an app of its own; its first pages compile while other work shares the machine.
        lead.Context.SetDefaultTimeout(30_000);
        await app.OpenAsync(lead, "tasks");
        var bell = lead.Locator(".notification-bell");
        await bell.WaitForAsync();
        await lead.EvaluateAsync("() => window.__baiheNoReload = true");
        var before = await UnreadAsync(bell);

        // (1) The secretary assigns the urgent task to 银辉先锋 on its page.
        var secretary = await app.SignInAsync("shuji");
        secretary.Context.SetDefaultTimeout(30_000);
        await app.OpenAsync(secretary, $"tasks/{taskId}");
        await secretary.ClickAsync(".assign-team");
        await secretary.Locator(".mud-popover-open .mud-list-item", new() { HasText = "银辉先锋" }).First.ClickAsync();
        await secretary.Locator(".action-assign button", new() { HasText = "分办" }).Last.ClickAsync();
        await secretary.GetByText("已分办。").WaitForAsync();
        var assigned = Stopwatch.StartNew();
        await LiveExpect.ThatAsync(async () => await UnreadAsync(bell) == before + 1, "任务分派 on the lead's bell", assigned, LiveBudget, output);

        // (2) Past half the two hours: the scan runs (as every server's background scan would) and the bell rises live.
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var recorded = await app.Services.GetRequiredService<EscalationScanner>().ScanAsync();
        Assert.True(recorded >= 1, "the scan recorded no escalation");
        var reminded = Stopwatch.StartNew();
        await LiveExpect.ThatAsync(async () => await UnreadAsync(bell) >= before + 2, "催办 on the lead's bell", reminded, LiveBudget, output);
        Assert.True(await lead.EvaluateAsync<bool>("() => window.__baiheNoReload === true"), "the lead's page was reloaded");
        var unread = await UnreadAsync(bell);

        // (3) The lead opens the list and the task from the 催办 notification, which is then read.
        await bell.ClickAsync();
        var item = lead.Locator(".notification-panel .notification-item.unread", new() { HasText = "催办：" + title });
        await Assertions.Expect(item).ToBeInViewportAsync();
        await item.ClickAsync();
        // An in-app navigation (no new document): the address is polled rather than waiting for a load event.
        await Assertions.Expect(lead).ToHaveURLAsync(new Regex($"/tasks/{taskId}$"));
        await Assertions.Expect(lead.Locator(".task-escalation")).ToHaveTextAsync("催办");
        await Assertions.Expect(lead.Locator(".timeline-escalation")).ToContainTextAsync("催办");
        await LiveExpect.ThatAsync(async () => await UnreadAsync(bell) == unread - 1, "the opened notification is read", Stopwatch.StartNew(), LiveBudget, output);
    });

    /// <summary>The unread count the bell announces ("通知，3 条未读"; "通知，没有未读" is 0).</summary>
    private static async Task<int> UnreadAsync(ILocator bell)
    {
        var label = await bell.GetAttributeAsync("aria-label") ?? "";
        var m = Regex.Match(label, @"(\d+) 条未读");
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    /// <summary>A call to 百合园, taken and triaged 紧急 by the secretary: due in two hours, waiting to be assigned.</summary>
    private async Task<int> UrgentTaskAsync(string title)
    {
        var users = app.Services.GetRequiredService<UserQueries>();
        var tasks = app.Services.GetRequiredService<TaskCommands>();
        var shuji = BaiheClaims.ToActor(BaiheClaims.Principal((await users.FindByUserNameAsync("shuji"))!, "test"))!;
        var id = (await tasks.IntakeAsync(shuji, new IntakeRequest
        {
            GridId = 1, Title = title, Description = "小区东门路灯不亮，夜里老人出行不便。", Category = "设施维护", Source = "Hotline",
        })).Id!.Value;
        var version = (await app.Services.GetRequiredService<TaskWorkflowQueries>().DetailAsync(id))!.Value.Task.RowVersion;
        Assert.True((await tasks.TriageAsync(shuji, id, "Urgent", "设施维护", version)).Ok);
        return id;
    }
}
