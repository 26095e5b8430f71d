using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// 邻合百姓事 end to end: a meeting's decision becomes a task through the ordinary intake, pre-filled and linked, and
/// the task leads back to the meeting.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeliberationStoryTests(BrowserFixture app)
{
    [SkippableFact]
    public Task Secretary_TurnsAMeetingsDecisionIntoATask_AndTheTaskLinksBackToTheMeeting() => app.RunAsync("deliberation-to-task", async () =>
    {
        var shuji = await app.SignInAsync("shuji");
        await app.OpenAsync(shuji, "deliberations");
        var meeting = shuji.Locator(".meeting").Filter(new LocatorFilterOptions { Has = shuji.Locator(".to-task") }).First;
        var topic = (await meeting.Locator(".meeting-topic").InnerTextAsync()).Trim();
        var decision = (await meeting.Locator(".meeting-decisions").InnerTextAsync()).Trim()["议定：".Length..];
        var meetingId = (await meeting.GetAttributeAsync("id"))!["meeting-".Length..];

        await meeting.Locator(".to-task").ClickAsync();
        await shuji.WaitForURLAsync(new Regex($"tasks/new\\?deliberation={meetingId}$"));
        await shuji.Locator("#baihe-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        // Pre-filled: the decision, the topic as title, the source 议事会, and a grid; the banner names the meeting.
        await Assertions.Expect(shuji.Locator(".intake-meeting")).ToContainTextAsync(topic);
        await Assertions.Expect(shuji.Locator(".intake-description textarea")).ToHaveValueAsync(decision);
        await Assertions.Expect(shuji.Locator(".intake-title input")).ToHaveValueAsync(topic);
        Assert.False(string.IsNullOrWhiteSpace(await shuji.Locator(".intake-grid input").InputValueAsync()));

        await shuji.Locator(".submit-intake").ClickAsync();
        var duplicate = shuji.GetByText("仍然登记");
        await shuji.WaitForURLAsync(new Regex(@"tasks/\d+$"), new PageWaitForURLOptions { Timeout = 5_000 }).ContinueWith(async t =>
        {
            // A seeded task from this meeting may share the title: the user confirms it is a new one.
            if (t.IsFaulted)
            {
                await duplicate.ClickAsync();
                await shuji.WaitForURLAsync(new Regex(@"tasks/\d+$"));
            }
        }).Unwrap();

        var link = shuji.Locator(".task-meeting");
        await Assertions.Expect(link).ToHaveTextAsync(topic);
        var taskUrl = shuji.Url;
        await link.ClickAsync();
        await shuji.WaitForURLAsync(new Regex($"deliberations\\?meeting={meetingId}$"));
        var shown = shuji.Locator(".meeting");
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        await Assertions.Expect(shown.Locator(".meeting-topic")).ToHaveTextAsync(topic);
        // The meeting lists the new task, as a link back to it.
        var taskId = taskUrl[(taskUrl.LastIndexOf('/') + 1)..];
        await Assertions.Expect(shown.Locator($".meeting-task[href='tasks/{taskId}']")).ToBeVisibleAsync();
    });
}
