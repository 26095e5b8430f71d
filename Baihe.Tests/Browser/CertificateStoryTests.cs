using System.Text.RegularExpressions;
using Baihe.Data.Certificates;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// 志愿服务证明 in a real browser: a secretary issues one from the menu, confirms the number, finds it in the register,
/// opens the print view, and the browser's PDF of it is exactly one A4 page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CertificateStoryTests(BrowserFixture app)
{
    [SkippableFact]
    public Task Secretary_IssuesACertificate_FindsItInTheRegister_AndItPrintsOnOneA4Page() => app.RunAsync("certificate-issue-print", async () =>
    {
        var factory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={app.DatabaseFile}"));
        var clock = new BaiheClock(TimeProvider.System);
        string name;
        await using (var db = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            // The volunteer with the most service this year: a long content line, the hardest case for one page.
            name = await db.ExecuteScalarAsync<string>("""
                SELECT m.Name FROM Attendance at JOIN Activity a ON a.Id = at.ActivityId JOIN Team t ON t.Id = a.TeamId
                JOIN Member m ON m.Id = at.MemberId
                WHERE t.CommunityId = 1 AND t.Kind = 'VolunteerService' AND a.Status = 'Closed' AND m.VolunteerNo IS NOT NULL AND a.HeldOn >= @From
                GROUP BY m.Id, m.Name ORDER BY COUNT(*) DESC, m.Id LIMIT 1;
                """, new { From = new DateTime(clock.Today.Year, 1, 1) }) ?? throw new InvalidOperationException("no volunteer with services");
        }
        var number = await new CertificateCommands(factory, clock).NextNumberAsync(1, clock.Today.Year);

        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, "");
        await page.Locator("nav a", new() { HasText = "服务证明" }).ClickAsync();
        await page.Locator(".issue-link").ClickAsync();
        await page.Locator("#baihe-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(".volunteer-pick input").FillAsync(name);
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = name }).First.ClickAsync();
        await page.Locator(".services-total").WaitForAsync();
        var hours = Hours().Match(await page.Locator(".services-total").InnerTextAsync()).Groups[1].Value;
        await page.Locator(".principal input").FillAsync("李书记");
        await page.Locator(".contact input").FillAsync("0754-88886666");
        await page.Locator("button.issue").ClickAsync();

        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByText($"将出具证明 {number}：{name}，服务 {hours} 小时，出具后不能修改，只能作废。").WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "出具" }).ClickAsync();

        var row = page.Locator(".register-table tr", new() { HasText = number! });
        await row.WaitForAsync();
        Assert.Contains(name, await row.InnerTextAsync());
        Assert.Contains(hours, await row.Locator(".register-hours").InnerTextAsync());

        await row.Locator(".print-link").ClickAsync();
        await page.Locator(".certificate-number", new() { HasText = number! }).WaitForAsync();
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true });
        var file = Path.Combine(Repo.Root, "artifacts", "browser", "certificate.pdf");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, pdf);

        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.Single(PdfPage().Matches(text));
        // A4 is 595 × 842 points (210 × 297 mm).
        var box = MediaBox().Match(text);
        Assert.True(box.Success, "no MediaBox in the PDF");
        Assert.InRange(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 594, 596);
        Assert.InRange(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 841, 843);
    });

    [GeneratedRegex(@"累计\s*([0-9.]+)\s*小时")]
    private static partial Regex Hours();

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PdfPage();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]")]
    private static partial Regex MediaBox();
}
