using Baihe.Data.Database;
using Baihe.Data.Import;
using Baihe.Data.Teams;
using ClosedXML.Excel;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// A secretary brings an Excel roster in: downloads the community's template, fills it as Excel would, uploads it, reads
/// the preview, confirms, and finds the new people in the register and on the team's roster.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportStoryTests(BrowserFixture app)
{
    [SkippableFact]
    public Task Secretary_FillsTheDownloadedTemplate_UploadsIt_AndFindsTheNewPeopleOnTheRoster() => app.RunAsync("import-roster", async () =>
    {
        var suffix = Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (first, second) = ($"导入故事甲{suffix}", $"导入故事乙{suffix}");
        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, "import");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".template"));
        var template = Path.Combine(Path.GetTempPath(), $"baihe-import-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(template);
        Assert.EndsWith("名册导入模板.xlsx", download.SuggestedFilename);

        using (var workbook = new XLWorkbook(template))
        {
            var residents = workbook.Worksheet(ImportLayout.ResidentSheet);
            Fill(residents, 2, first, $"13700{suffix}001", "第二网格", "是", "否", "摄影");
            Fill(residents, 3, second, $"13700{suffix}002", "第三网格", "否", "是", "");
            var memberships = workbook.Worksheet(ImportLayout.MembershipSheet);
            Fill(memberships, 2, first, $"13700{suffix}001", "金姐姐", "队员");
            memberships.Cell(2, 5).SetValue(DateTime.Today.AddDays(-10));
            Fill(memberships, 3, second, $"13700{suffix}002", "金姐姐", "副队长");
            memberships.Cell(3, 5).SetValue(DateTime.Today.AddDays(-3));
            workbook.Save();
        }

        await page.Locator("#import-file").SetInputFilesAsync(template);
        await page.Locator(".new-residents", new() { HasText = "新增居民 2" }).WaitForAsync();
        await page.Locator(".new-memberships", new() { HasText = "新增队伍成员关系 2" }).WaitForAsync();
        await page.ClickAsync(".commit");
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByText("将新增 2 名居民、2 条队伍成员关系，提交后写入数据库。").WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "提交导入" }).ClickAsync();
        await page.Locator(".import-done").WaitForAsync();

        await app.OpenAsync(page, $"members?q={Uri.EscapeDataString("导入故事")}");
        await page.GetByText(first).First.WaitForAsync();
        await page.GetByText(second).First.WaitForAsync();

        var factory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={app.DatabaseFile}"));
        var team = (await new TeamQueries(factory).ListAsync(1)).Single(t => t.Name == "金姐姐").Id;
        await app.OpenAsync(page, $"teams/{team}?q={Uri.EscapeDataString(second)}");
        await page.GetByText(second).First.WaitForAsync();
        await page.GetByText("副队长").First.WaitForAsync();
        File.Delete(template);
    });

    private static void Fill(IXLWorksheet ws, int row, params string[] values)
    {
        for (var c = 0; c < values.Length; c++)
        {
            ws.Cell(row, c + 1).SetValue(values[c]);
        }
        ws.Row(row).Style.Font.SetItalic(false);
    }
}
