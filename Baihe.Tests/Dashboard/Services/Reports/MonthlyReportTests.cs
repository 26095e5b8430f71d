using System.Net;
using System.Security.Cryptography;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Data.Reports;
using Baihe.Tests.TestSupport;
using ClosedXML.Excel;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Services.Reports;

public class MonthlyReportTests
{
    private static ServiceProvider Services(TestDatabase db) =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(FixedTimeProvider.Default))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .AddSingleton<ExportGate>().AddSingleton<ReportExporter>().AddSingleton(new ReportOptions())
            .BuildServiceProvider();

    private static async Task<(XLWorkbook Book, ReportFile File)> ExportAsync(TestDatabase db, Actor actor, string month)
    {
        await using var services = Services(db);
        var result = await services.GetRequiredService<ReportExporter>().ExportAsync(actor, month, 1, actor.UserName);
        Assert.True(result.File is not null, result.Error);
        return (new XLWorkbook(new MemoryStream(result.File!.Content)), result.File);
    }

    /// <summary>
    /// Text already stored before validation at the door existed may hold characters XML cannot carry (U+FFFF, a
    /// lone surrogate, a control character). One such name must not break the whole report: the cell shows U+FFFD.
    /// </summary>
    [Fact]
    public async Task AStoredNameWithACharacterXmlCannotCarry_StillExports_BothTheCommunityReportAndTheRollUp()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using (var conn = await db.Factory.OpenAsync())
        {
            // Written past the commands on purpose: this is data from before the door was checked.
            await conn.ExecuteAsync("UPDATE Member SET Name = @Name WHERE Id = (SELECT MIN(MemberId) FROM Membership WHERE LeftOn IS NULL);",
                new { Name = "张\uFFFF三\u0001" });
            await conn.ExecuteAsync("""
                INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note)
                VALUES ((SELECT MIN(Id) FROM Member), 3, 1, '2026-10-15', 'Service', '2026-10-15', @Note);
                """, new { Note = "备注\uD800尾" });
        }
        var (book, _) = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");
        using var _ = book;
        await using var services = Services(db);
        var rollUp = await services.GetRequiredService<ReportExporter>().ExportSubDistrictAsync(await db.ActorAsync("jiedao"), "2026-10", 1, "jiedao");

        Assert.Contains(book.Worksheet("队伍花名册").CellsUsed(), c => c.GetString() == "张\uFFFD三\uFFFD");
        Assert.Contains(book.Worksheet("积分明细").CellsUsed(), c => c.GetString() == "备注\uFFFD尾");
        Assert.True(rollUp.File is not null, rollUp.Error);
    }

    [Fact]
    public async Task SecretarysReport_HasEverySheet_AndItsTotalsEqualTheDashboardForThatMonth()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (book, file) = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");
        using var _ = book;

        Assert.Equal("百合园社区_2026年10月_月报.xlsx", file.FileName);
        Assert.Equal(ReportExporter.SheetNames, book.Worksheets.Select(w => w.Name));
        var dashboard = await new OverviewQueries(db.Factory).LoadAsync(1, new Period(new DateTime(2026, 10, 1), new DateTime(2026, 11, 1)));
        var kpi = book.Worksheet("概览").RangeUsed()!.Rows().Where(r => !r.Cell(1).IsEmpty())
            .ToDictionary(r => r.Cell(1).GetString().Trim('　'), r => r.Cell(2));
        Assert.Equal(dashboard.Kpis.TasksDone, kpi["本月办结"].GetValue<int>());
        Assert.Equal(dashboard.Kpis.WishesFulfilled, kpi["本月完成微心愿"].GetValue<int>());
        Assert.Equal(dashboard.Kpis.PointsIssued, kpi["本月积分发放"].GetValue<int>());
        Assert.Equal(dashboard.TasksByMonth.Single(m => m.Month == 202610).Count, kpi["本月办结"].GetValue<int>());
        foreach (var area in dashboard.PointsByArea)
        {
            Assert.Equal(area.Points, kpi[$"其中{area.Area}"].GetValue<int>());
        }
        // The detail sheet agrees with 概览: positive ledger rows add up to the points issued.
        var ledger = book.Worksheet("积分明细");
        Assert.Equal(["日期", "居民", "网格", "板块", "积分", "来源", "备注", "记录人"], ledger.Row(1).Cells(1, 8).Select(c => c.GetString()));
        var pointCells = ledger.Column(5).CellsUsed().Skip(1).Select(c => c.GetValue<int>()).ToList();
        Assert.Equal(dashboard.Kpis.PointsIssued, pointCells.Where(p => p > 0).Sum());
        Assert.Equal(-kpi["本月兑换积分"].GetValue<int>(), ledger.Column(5).CellsUsed().Skip(1)
            .Where(c => c.WorksheetRow().Cell(6).GetString() == "兑换").Sum(c => c.GetValue<int>()));
        // Dates are dates and numbers are numbers, not text.
        Assert.Equal(XLDataType.DateTime, ledger.Cell(2, 1).DataType);
        Assert.Equal(XLDataType.Number, ledger.Cell(2, 5).DataType);
        Assert.Equal(1, ledger.SheetView.SplitRow);
        Assert.True(ledger.AutoFilter.IsEnabled);
        Assert.Equal(XLPageOrientation.Landscape, ledger.PageSetup.PageOrientation);
        Assert.Equal(file.Sha256, Convert.ToHexString(SHA256.HashData(file.Content)).ToLowerInvariant());
        await using var conn = await db.Factory.OpenAsync();
        var audit = await conn.QuerySingleAsync<string>("SELECT AfterJson FROM AuditLog WHERE Action = 'Report.Export';");
        Assert.Contains(file.Sha256, audit);
        Assert.Contains($"\"Rows\":{file.Rows}", audit);
    }

    [Fact]
    public async Task PhonesFollowTheExportersRole_AndALeadGetsOnlyTheirRoster()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (secretary, _) = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");
        var (official, _) = await ExportAsync(db, await db.ActorAsync("jiedao"), "2026-10");
        var (lead, leadFile) = await ExportAsync(db, await db.ActorAsync("jinjiejie"), "2026-10");

        static List<string> Phones(XLWorkbook b) => b.Worksheet("队伍花名册").Column(6).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
        Assert.All(Phones(secretary), p => Assert.Matches("^1[0-9]{10}$", p));
        Assert.All(Phones(official), p => Assert.Matches(@"^1[0-9]{2}\*{4}[0-9]{4}$", p));
        Assert.Equal(["队伍花名册"], lead.Worksheets.Select(w => w.Name));
        Assert.All(lead.Worksheet("队伍花名册").Column(1).CellsUsed().Skip(1), c => Assert.Equal("金姐姐", c.GetString()));
        Assert.EndsWith("_花名册.xlsx", leadFile.FileName);
    }

    [Fact]
    public async Task TextThatLooksLikeAFormula_IsStoredAsQuotedText()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        string[] payloads = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "=HYPERLINK(\"http://x\")"];
        await using (var conn = await db.Factory.OpenAsync())
        {
            foreach (var p in payloads)
            {
                var id = await conn.ExecuteScalarAsync<long>("INSERT INTO Member (GridId, Name, CreatedAt) VALUES (1, @p, '2026-01-01'); SELECT last_insert_rowid();", new { p = p.Length > 20 ? p[..20] : p });
                await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note) VALUES (@id, 1, 1, '2026-10-05', 'Service', '2026-10-05', @p);", new { id, p });
            }
        }

        var (book, _) = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");

        Assert.DoesNotContain(book.Worksheets.SelectMany(w => w.CellsUsed()), c => c.HasFormula);
        var notes = book.Worksheet("积分明细").Column(7).CellsUsed().Where(c => payloads.Contains(c.GetString())).ToList();
        Assert.Equal(payloads.Length, notes.Count);
        Assert.All(notes, c => Assert.True(c.Style.IncludeQuotePrefix, $"{c.GetString()} lacks the quote prefix"));
    }

    [Fact]
    public async Task TheStreamedLedger_KeepsEveryCharacterOfItsText_AsASpreadsheetReadsItBack()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        // Markup characters, spaces at either end, line breaks (CR LF and a lone CR), characters outside the BMP, and a
        // note long enough to be written in several pieces.
        string[] notes = ["a & b <c> \"d\" 'e'", "  前后有空格  ", "第一行\r\n第二行", "回车\r结尾", "百合🌸邻长𠀀", new string('长', 197) + "&<>"];
        await using (var conn = await db.Factory.OpenAsync())
        {
            foreach (var note in notes)
            {
                await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note) VALUES ((SELECT MIN(Id) FROM Member), 1, 1, '2026-10-06', 'Service', '2026-10-06', @note);", new { note });
            }
        }

        var (book, file) = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");
        book.Dispose();

        // Read with the Open XML SDK, which gives the stored text as it is (ClosedXML turns CR LF into LF as it loads).
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(file.Content), false);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == "积分明细");
        var written = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet
            .Descendants<DocumentFormat.OpenXml.Spreadsheet.InlineString>().Select(s => s.InnerText).ToHashSet();
        Assert.All(notes, note => Assert.True(written.Contains(note), $"the ledger lost or changed the note {System.Text.Json.JsonSerializer.Serialize(note[..Math.Min(note.Length, 20)])}"));
    }

    [Fact]
    public async Task AnEmptyMonth_StillGivesAValidWorkbookThatSaysSo()
    {
        await using var db = await TestDatabase.WithAccountsAsync();

        var (book, file) = await ExportAsync(db, await db.ActorAsync("shuji"), "2020-01");

        Assert.Equal(ReportExporter.SheetNames, book.Worksheets.Select(w => w.Name));
        Assert.Contains(book.Worksheet("概览").CellsUsed(), c => c.GetString().StartsWith("本月无数据"));
        Assert.Equal("本月无数据", book.Worksheet("民呼我应").Cell(2, 1).GetString());
        Assert.Equal(0, book.Worksheet("概览").CellsUsed().Where(c => c.GetString() == "本月办结").Select(c => c.CellRight().GetValue<int>()).Single());
        Assert.Equal("百合园社区_2020年1月_月报.xlsx", file.FileName);
    }

    [Theory]
    [InlineData("2026-13", "格式")]
    [InlineData("26-10", "格式")]
    [InlineData("", "格式")]
    [InlineData("2026/10", "格式")]
    [InlineData("2027-01", "还没有到")]
    [InlineData("2026-12", "还没有到")]
    public async Task BadOrFutureMonths_AreRefusedWithAMessageAndWriteNothing(string month, string message)
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var services = Services(db);

        var result = await services.GetRequiredService<ReportExporter>().ExportAsync(await db.ActorAsync("shuji"), month, 1, "test");

        Assert.Null(result.File);
        Assert.Contains(message, result.Error);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Report.Export';"));
    }

    [Theory]
    [InlineData(new[] { "export", "--month", "2026-10", "--out", "{dir}/r.xlsx" }, 0)]
    [InlineData(new[] { "export", "--month", "2026-13", "--out", "{dir}/r.xlsx" }, 2)]
    [InlineData(new[] { "export", "--month", "2027-01", "--out", "{dir}/r.xlsx" }, 2)]
    [InlineData(new[] { "export", "--out", "{dir}/r.xlsx" }, 2)]
    [InlineData(new[] { "export", "--month", "2026-10", "--community", "99", "--out", "{dir}/r.xlsx" }, 1)]
    public async Task ExportCli_ExitsWithTheRightCode(string[] args, int code)
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var services = Services(db);
        var dir = Path.Combine(Path.GetTempPath(), "baihe-tests", Guid.NewGuid().ToString("N"));
        var error = new StringWriter();

        var exit = await ExportCli.RunAsync(args.Select(a => a.Replace("{dir}", dir)).ToArray(), services, new StringWriter(), error);

        Assert.Equal(code, exit);
        Assert.Equal(code == 0, File.Exists(Path.Combine(dir, "r.xlsx")));
        if (code != 0)
        {
            Assert.NotEmpty(error.ToString());
        }
        else
        {
            using var book = new XLWorkbook(Path.Combine(dir, "r.xlsx"));
            Assert.Equal(ReportExporter.SheetNames.Count, book.Worksheets.Count);
        }
    }

    [Fact]
    public async Task ReportsDownload_StreamsTheFileToASecretary_AndRefusesAnAdmin()
    {
        await using var app = new AppFactory();
        using var secretary = await app.SignedInClientAsync("shuji");
        using var admin = await app.SignedInClientAsync("admin");
        var lastMonth = DateTime.Today.AddMonths(-1).ToString("yyyy-MM");

        var ok = await secretary.GetAsync($"/reports/export?month={lastMonth}&community=1");
        var bad = await secretary.GetAsync("/reports/export?month=2026-13&community=1");
        var refused = await admin.GetAsync($"/reports/export?month={lastMonth}&community=1");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(ReportExporter.ContentType, ok.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith("_月报.xlsx", ok.Content.Headers.ContentDisposition!.FileNameStar);
        using (var book = new XLWorkbook(await ok.Content.ReadAsStreamAsync()))
        {
            Assert.Equal(ReportExporter.SheetNames, book.Worksheets.Select(w => w.Name));
        }
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("YYYY-MM", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task ReportsDownload_OfAForgedOrForeignCommunity_IsRefusedAndAudited_NeverReplacedByTheUsersOwn()
    {
        await using var app = new AppFactory();
        using var secretary = await app.SignedInClientAsync("shuji");
        using var official = await app.SignedInClientAsync("jiedao");
        // A community of another sub-district: it exists, but not for 金东街道's official.
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            await conn.ExecuteAsync("""
                INSERT INTO SubDistrict (Id, Name, District, City) VALUES (77, '银西街道', '西区', '测试市');
                INSERT INTO Community (Id, SubDistrictId, Name) VALUES (78, 77, '银西社区');
                """);
        }
        var lastMonth = DateTime.Today.AddMonths(-1).ToString("yyyy-MM");

        var forged = await secretary.GetAsync($"/reports/export?month={lastMonth}&community=9999");
        var foreign = await official.GetAsync($"/reports/export?month={lastMonth}&community=78");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(Baihe.Data.Communities.CommunityChoice.Refused, await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(Baihe.Data.Communities.CommunityChoice.Refused, await foreign.Content.ReadAsStringAsync());
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabaseFile}");
        Assert.Equal(["78", "9999"], (await db.QueryAsync<string>("SELECT EntityId FROM AuditLog WHERE Action LIKE 'Denied:%' AND EntityType = 'Community' ORDER BY EntityId;")).ToList());
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Report.Export';"));
    }

    [Fact]
    public async Task ExportCli_ForAnUnknownCommunity_ExitsOneWithAChineseMessage_AndWritesNoFile()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var services = Services(db);
        var dir = Path.Combine(Path.GetTempPath(), "baihe-tests", Guid.NewGuid().ToString("N"));
        var error = new StringWriter();

        var exit = await ExportCli.RunAsync(["export", "--month", "2026-10", "--community", "9999", "--out", $"{dir}/r.xlsx"], services, new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("找不到这个社区", error.ToString());
        Assert.False(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any());
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Report.Export';"));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("yinhui")]
    public async Task AnExportTheRuleRefuses_IsAuditedAndBuildsNothing(string userName)
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var services = Services(db);
        var actor = await db.ActorAsync(userName);
        // yinhui leads a team of community 1, so only a community without their team is refused to them.
        var community = userName == "admin" ? 1 : 902;
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("INSERT INTO Community (Id, SubDistrictId, Name) SELECT 902, SubDistrictId, '百花社区' FROM Community WHERE Id = 1;");
        }

        var result = await services.GetRequiredService<ReportExporter>().ExportAsync(actor, "2026-10", community, "x");

        Assert.Null(result.File);
        Assert.True(result.Denied);
        Assert.Equal(ReportCommands.CommunityRefusal, result.Error);
        await using var check = await db.Factory.OpenAsync();
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Report.Export' AND EntityType = 'Community' AND EntityId = @community;", new { community = community.ToString() }));
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Report.Export';"));
    }

    [Fact]
    public async Task TheStreamedLedgerSheet_IsValidSpreadsheetMl()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (book, file) = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");
        book.Dispose();

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(file.Content), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document)
            .Where(e => e.Part?.Uri.OriginalString.Contains("worksheets", StringComparison.Ordinal) == true || e.Part?.Uri.OriginalString.EndsWith("workbook.xml", StringComparison.Ordinal) == true)
            .Select(e => $"{e.Part!.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        var ledger = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == "积分明细");
        var rows = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)document.WorkbookPart.GetPartById(ledger.Id!)).Worksheet
            .GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetData>()!.Elements<DocumentFormat.OpenXml.Spreadsheet.Row>().Count();
        Assert.True(rows > 100, $"the ledger sheet has {rows} rows");
    }

    [Fact]
    public void ColumnWidths_CountChineseCharactersDouble() =>
        Assert.Equal((4 * 2) + 3, ReportCells.DisplayWidth("百合园社abc"));
}
