using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// A lead keeps their roster current from a phone, and a secretary from a keyboard: search the roster, open a
/// member, change the phone, save, and see it in the roster and its history, without hunting for the editor.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RosterEditorStoryTests(BrowserFixture app)
{
    [SkippableFact]
    public Task Lead_OnAPhone_SearchesOpensAMemberInView_AndChangesTheirPhone() => app.RunAsync("roster-phone", async () =>
    {
        var (teamId, name) = await MemberToEditAsync();
        var page = await app.SignInAsync("jinjiejie", width: 390, height: 844);
        await app.OpenAsync(page, $"teams/{teamId}");

        await page.FillAsync(".roster-search input", name);
        // The search is in the link, so a reload keeps it.
        await page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        Assert.Contains(Uri.EscapeDataString(name), page.Url, StringComparison.OrdinalIgnoreCase);
        var row = page.Locator(".roster-table tbody tr", new() { HasText = name });
        await row.WaitForAsync();
        // The link changes first and the rows follow once the search has run: wait for them, as a reader would.
        await Assertions.Expect(page.Locator(".roster-table tbody tr")).ToHaveCountAsync(1);

        // A tap on the card opens the editor.
        await row.Locator(".member-name").ClickAsync();
        var editor = page.Locator(".roster-editor");
        await editor.WaitForAsync();
        await BrowserFixture.WaitForStillAsync(page);
        var box = await page.Locator(".roster-editor-dialog").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= 390 + 1 && box.Y + box.Height <= 844 + 1,
            $"editor at {box.X},{box.Y} {box.Width}x{box.Height} is not inside the 390x844 viewport");
        Assert.True(box.Width >= 380, $"the editor fills a phone's width (full screen), not {box.Width}px");
        var phoneBox = await editor.Locator(".edit-phone input").BoundingBoxAsync();
        Assert.True(phoneBox is not null && phoneBox.Y + phoneBox.Height <= 844, "the phone field is in view without scrolling");
        var save = await editor.Locator(".save-contact").BoundingBoxAsync();
        Assert.True(save is not null && save.Width >= 44 && save.Height >= 44, $"保存 is {save?.Width}x{save?.Height}px, under 44x44");

        var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        await editor.Locator(".edit-phone input").FillAsync(phone);
        await editor.Locator(".save-contact").ClickAsync();
        await page.GetByText("已保存联系方式。").WaitForAsync();

        await page.Locator(".roster-table tr", new() { HasText = name }).Locator(".member-phone", new() { HasText = phone }).WaitForAsync();
        await page.Locator(".roster-history-panel").GetByText("花名册变动记录").ClickAsync();
        await page.Locator(".roster-history tr", new() { HasText = name }).Locator(".change-after", new() { HasText = phone }).WaitForAsync();
        Assert.Equal(phone, await PhoneAsync(teamId, name));
    });

    [SkippableFact]
    public Task Secretary_WithOnlyTheKeyboard_OpensTheEditor_SavesWithEnter_AndEscCloses() => app.RunAsync("roster-keyboard", async () =>
    {
        var (teamId, name) = await MemberToEditAsync(skip: 1);
        var page = await app.SignInAsync("shuji", width: 1440, height: 900);
        await app.OpenAsync(page, $"teams/{teamId}?q={Uri.EscapeDataString(name)}");
        var button = page.Locator(".roster-table tr", new() { HasText = name }).Locator(".edit-member");
        await button.WaitForAsync();

        // Tab until the row's 编辑 button has the focus, as a keyboard user would.
        for (var i = 0; i < 60 && !await button.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.True(await button.EvaluateAsync<bool>("b => b === document.activeElement"), "Tab never reached the 编辑 button");
        Assert.True(await button.EvaluateAsync<bool>("b => b.matches(':focus-visible')"), "the focused 编辑 button is not keyboard-focus visible");
        await page.Keyboard.PressAsync("Enter");
        var editor = page.Locator(".roster-editor");
        await editor.WaitForAsync();
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.closest('.roster-editor-dialog') !== null");

        var phone = "136" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        await editor.Locator(".edit-phone input").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(phone);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByText("已保存联系方式。").WaitForAsync();
        await editor.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(phone, await PhoneAsync(teamId, name));

        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await editor.WaitForAsync();
        // As a keyboard user presses Esc once the dialog has the focus: the dialog's key handler is attached after it
        // renders, and under load an Esc sent before that fell on the page behind it.
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.closest('.roster-editor-dialog') !== null");
        await page.Keyboard.PressAsync("Escape");
        await editor.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    });

    private async Task<(long TeamId, string Name)> MemberToEditAsync(int skip = 0)
    {
        await using var db = new SqliteConnection($"Data Source={app.DatabaseFile}");
        var teamId = await db.QuerySingleAsync<long>("SELECT Id FROM Team WHERE Name = '金姐姐';");
        // A member on this team only (a lead edits only their contact), with a name no other member's name contains.
        var names = (await db.QueryAsync<string>("""
            SELECT m.Name FROM Membership ms JOIN Member m ON m.Id = ms.MemberId
            WHERE ms.TeamId = @teamId AND ms.LeftOn IS NULL AND ms.Role = 'Member'
              AND NOT EXISTS (SELECT 1 FROM Membership o WHERE o.MemberId = m.Id AND o.LeftOn IS NULL AND o.TeamId <> @teamId)
            ORDER BY ms.Id DESC
            """, new { teamId })).ToList();
        var unique = names.Where(n => names.Count(o => o.Contains(n, StringComparison.Ordinal)) == 1).ToList();
        return (teamId, unique[skip]);
    }

    private async Task<string> PhoneAsync(long teamId, string name)
    {
        await using var db = new SqliteConnection($"Data Source={app.DatabaseFile}");
        return await db.QuerySingleAsync<string>(
            "SELECT m.Phone FROM Member m JOIN Membership ms ON ms.MemberId = m.Id WHERE ms.TeamId = @teamId AND ms.LeftOn IS NULL AND m.Name = @name",
            new { teamId, name });
    }
}
