using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// The report archive in a real browser: a secretary regenerates last month's report (after confirming), sees the new
/// version listed above the old one, and downloads it; the file's SHA-256 is the one the list shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportArchiveStoryTests(BrowserFixture app)
{
    [SkippableFact]
    public Task Secretary_RegeneratesAfterConfirming_SeesVersionTwo_AndDownloadsIt() => app.RunAsync("report-archive", async () =>
    {
        var china = DateTime.UtcNow.AddHours(8);
        var lastMonth = new DateTime(china.Year, china.Month, 1).AddMonths(-1).ToString("yyyy-MM");
        int before;
        await using (var db = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            before = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ReportArchive WHERE CommunityId = 1 AND Month = @lastMonth;", new { lastMonth });
        }
        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, "reports");
        var dialog = page.Locator(".mud-dialog");
        var rows = page.Locator(".history-table tbody tr");

        // Cancel writes nothing.
        await page.ClickAsync("button.generate");
        await dialog.GetByText("作为新的版本存档").WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        for (var i = 1; i <= 2; i++)
        {
            await page.ClickAsync("button.generate");
            await dialog.GetByText("作为新的版本存档").WaitForAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "生成" }).ClickAsync();
            await rows.Filter(new() { HasText = $"第 {before + i} 版" }).WaitForAsync(new() { Timeout = 60_000 });
        }

        var newest = rows.First;
        Assert.Equal($"第 {before + 2} 版", (await newest.Locator(".history-version").InnerTextAsync()).Trim());
        Assert.Contains("百合园社区", await newest.Locator(".history-scope").InnerTextAsync());
        var listedSha = (await newest.Locator(".history-sha").InnerTextAsync()).Trim();
        var download = await page.RunAndWaitForDownloadAsync(() => newest.Locator(".history-download").ClickAsync(), new() { Timeout = 60_000 });
        var file = Path.Combine(Path.GetTempPath(), $"baihe-archive-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            Assert.EndsWith("_月报.xlsx", download.SuggestedFilename);
            Assert.Equal(listedSha, Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file))).ToLowerInvariant());
        }
        finally
        {
            File.Delete(file);
        }
        await using (var db = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            Assert.Equal(before + 2, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ReportArchive WHERE CommunityId = 1 AND Month = @lastMonth;", new { lastMonth }));
        }
    });
}
