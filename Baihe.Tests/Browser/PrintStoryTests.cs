using System.Text.RegularExpressions;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// The printable pages as Chromium prints them: the 公示 notice and a sign-in sheet each come out as one A4 page, and
/// the activity page leads to its sheet. The PDFs are kept under artifacts/print/ for a person to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PrintStoryTests(BrowserFixture app)
{
    [SkippableFact]
    public Task Secretary_PrintsTheNoticeOfAPublishedEvaluation_OnOneA4Page() => app.RunAsync("print-notice", async () =>
    {
        long id;
        await using (var db = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            // An overall second-half evaluation in 公示, as the secretary's would be, with its audit row.
            id = await PublishedEvaluationAsync(db, 2026, 2, "2026-12-31");
            await db.ExecuteAsync("""
                INSERT INTO AuditLog (OccurredAt, UserName, Action, EntityType, EntityId) VALUES ('2026-12-01 09:00:00', 'shuji', 'Evaluation.Publicise', 'Evaluation', CAST(@id AS TEXT));
                """, new { id });
        }
        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, "evaluations");
        await page.Locator($"a[href='evaluations/{id}/notice']").ClickAsync();
        await page.WaitForURLAsync($"**/evaluations/{id}/notice");
        await page.Locator(".winners tbody tr").Nth(7).WaitForAsync();

        var pdf = await PrintAsync(page, "notice");
        Assert.Equal(1, PageCount(pdf));
    });

    [SkippableFact]
    public Task Secretary_OpensTheSignInSheetFromAnActivity_AndItPrintsOnOneA4Page() => app.RunAsync("print-signin", async () =>
    {
        long id;
        int members;
        await using (var db = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            // The 调解队's event: a team of the demo's usual size.
            id = await db.QuerySingleAsync<long>("SELECT MIN(a.Id) FROM Activity a JOIN Team t ON t.Id = a.TeamId WHERE t.Name = '“百·和”调解队';");
            members = await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Membership ms JOIN Activity a ON a.TeamId = ms.TeamId WHERE a.Id = @id AND ms.LeftOn IS NULL;", new { id });
        }
        var page = await app.SignInAsync("shuji");
        await app.OpenAsync(page, $"activities/{id}");
        await page.Locator(".print-signin").ClickAsync();
        await page.WaitForURLAsync($"**/activities/{id}/signin");
        await page.Locator(".qr img").WaitForAsync();
        Assert.Equal(members, await page.Locator("tr.person").CountAsync());

        var pdf = await PrintAsync(page, "signin");
        Assert.Equal(1, PageCount(pdf));
    });

    // Without background graphics, as a browser prints unless asked otherwise.
    private static async Task<byte[]> PrintAsync(IPage page, string name)
    {
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PreferCSSPageSize = true });
        var dir = Path.Combine(Repo.Root, "artifacts", "print");
        Directory.CreateDirectory(dir);
        await File.WriteAllBytesAsync(Path.Combine(dir, name + ".pdf"), pdf);
        return pdf;
    }

    // Chromium writes each page as an uncompressed "/Type /Page" dictionary (the tree's root is "/Type /Pages").
    private static int PageCount(byte[] pdf) => PageObject().Count(System.Text.Encoding.Latin1.GetString(pdf));

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageObject();

    /// <summary>
    /// An evaluation of community 1 in 公示 for the given half-year, with ten results and eight winners, written behind
    /// the app as the secretary's 公示 would have left it. Returns its id.
    /// </summary>
    internal static async Task<int> PublishedEvaluationAsync(SqliteConnection db, int year, int half, string publicityEndsOn)
    {
        var id = await db.ExecuteScalarAsync<int>("""
            INSERT INTO Evaluation (CommunityId, Year, Half, ShortlistSize, Status, PublicityEndsOn) VALUES (1, @year, @half, 10, 'Publicised', @publicityEndsOn);
            SELECT last_insert_rowid();
            """, new { year, half, publicityEndsOn });
        await db.ExecuteAsync("""
            INSERT INTO EvaluationResult (EvaluationId, MemberId, Rank, Points, IsWinner)
            SELECT @id, m.Id, ROW_NUMBER() OVER (ORDER BY m.Id), 20 - ROW_NUMBER() OVER (ORDER BY m.Id), CASE WHEN ROW_NUMBER() OVER (ORDER BY m.Id) <= 8 THEN 1 ELSE 0 END
            FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1 ORDER BY m.Id LIMIT 10;
            """, new { id });
        return id;
    }
}
