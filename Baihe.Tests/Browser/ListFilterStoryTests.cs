using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// The 民呼我应 list as a secretary uses it, in headless Chromium: search and narrow it, reload or share the link and
/// get the same rows, and open a task by clicking its row, here and on a grid's page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ListFilterStoryTests(BrowserFixture app)
{
    // Every row under the applied filter shows the chosen grid (the list's wrapper names the filter its rows were read under).
    private const string RowsOfGridTwo = """
        () => {
            const rows = [...document.querySelectorAll('[data-filter*="grid=2"] .task-row')];
            return rows.length > 0 && rows.every(r => r.textContent.includes('第二网格'));
        }
        """;

    [SkippableFact]
    public Task Secretary_SearchesAndNarrowsTheTaskList_ReloadsIt_AndOpensATaskByItsRow() => app.RunAsync("list-filter", async () =>
    {
        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, "tasks");
        await page.Locator(".task-row").First.WaitForAsync();

        await page.FillAsync("input.filter-keyword", "水");
        await page.PressAsync("input.filter-keyword", "Enter");
        await page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        await page.SelectOptionAsync("select.filter-grid", "2");
        await page.WaitForURLAsync(url => url.Contains("grid=2", StringComparison.Ordinal) && url.Contains("q=", StringComparison.Ordinal));
        await page.WaitForFunctionAsync(RowsOfGridTwo);
        var links = await RowLinksAsync(page);
        Assert.NotEmpty(links);

        // A reload (or the same link pasted elsewhere) reads the filters back from the link.
        var link = page.Url;
        await page.ReloadAsync();
        await page.Locator("#baihe-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync(RowsOfGridTwo);
        Assert.Equal(link, page.Url);
        Assert.Equal("水", await page.InputValueAsync("input.filter-keyword"));
        Assert.Equal("2", await page.InputValueAsync("select.filter-grid"));
        Assert.Equal(links, await RowLinksAsync(page));

        // A click anywhere on the row opens its task.
        await page.Locator(".task-row").First.Locator(".task-grid-name").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/" + links[0], StringComparison.Ordinal));
    });

    [SkippableFact]
    public Task Secretary_OpensATaskFromItsRowOnTheGridPage() => app.RunAsync("grid-task-row", async () =>
    {
        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, "grids/2");
        var row = page.Locator(".grid-tasks .task-row").First;
        await row.WaitForAsync();
        var href = await row.Locator("a.task-link").GetAttributeAsync("href");

        await row.Locator("td").Nth(1).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/" + href, StringComparison.Ordinal));
    });

    private static async Task<List<string>> RowLinksAsync(IPage page) =>
        [.. (await page.Locator(".task-row a.task-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))];
}
