using System.Diagnostics;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Tests.Browser;
using Baihe.Tests.TestSupport;
using ClosedXML.Excel;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Services.Reports;

/// <summary>The monthly report as it prints: page setup read back from the file, and once through LibreOffice to PDF.</summary>
public class ReportPrintTests
{
    private const string Footer = "百合园社区 · 2026年10月 · 第 &P 页 共 &N 页";

    private static async Task<ReportFile> ExportAsync(TestDatabase db, Actor actor, string month)
    {
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(FixedTimeProvider.Default))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .AddSingleton<ExportGate>().AddSingleton<ReportExporter>().AddSingleton(new ReportOptions())
            .BuildServiceProvider();
        var result = await services.GetRequiredService<ReportExporter>().ExportAsync(actor, month, 1, actor.UserName);
        Assert.True(result.File is not null, result.Error);
        return result.File!;
    }

    [Fact]
    public async Task EverySheet_PrintsA4Landscape_OnePageWide_WithItsHeaderRowRepeated_AndTheFooterWithPageNumbers()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var file = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");

        using var document = SpreadsheetDocument.Open(new MemoryStream(file.Content), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(ReportExporter.SheetNames, sheets.Select(s => s.Name!.Value));
        var titles = workbook.Workbook.DefinedNames!.Elements<DefinedName>().Where(n => n.Name == "_xlnm.Print_Titles")
            .ToDictionary(n => (int)n.LocalSheetId!.Value, n => n.Text);
        for (var i = 0; i < sheets.Count; i++)
        {
            var name = sheets[i].Name!.Value!;
            var ws = ((WorksheetPart)workbook.GetPartById(sheets[i].Id!)).Worksheet;
            var setup = ws.GetFirstChild<PageSetup>();
            Assert.True(setup is not null, $"{name} has no page setup");
            Assert.Equal(9U, setup.PaperSize?.Value);
            Assert.Equal(OrientationValues.Landscape, setup.Orientation?.Value);
            // Absent fitToWidth means 1 (the schema's default); 0 tall means as many pages as it needs.
            Assert.Equal(1U, setup.FitToWidth?.Value ?? 1U);
            Assert.Equal(0U, setup.FitToHeight?.Value);
            Assert.True(ws.GetFirstChild<SheetProperties>()?.PageSetupProperties?.FitToPage?.Value, $"{name} does not fit to page");
            var headerRow = name == "概览" ? 8 : 1;
            Assert.Equal($"'{name}'!${headerRow}:${headerRow}", titles.GetValueOrDefault(i));
            Assert.Equal("&C" + Footer, ws.GetFirstChild<HeaderFooter>()?.OddFooter?.Text);
        }
    }

    [Fact]
    public async Task Overview_HasBordersOnItsTable_AndLongTextWrapsInNarrowColumnsOnEverySheet()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var file = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");
        using var book = new XLWorkbook(new MemoryStream(file.Content));

        var overview = book.Worksheet("概览");
        var lastKpi = 8;
        while (!overview.Cell(lastKpi + 1, 1).IsEmpty())
        {
            lastKpi++;
        }
        Assert.True(lastKpi > 20, $"the KPI table ends at row {lastKpi}");
        foreach (var cell in overview.Range(8, 1, lastKpi, 3).Cells())
        {
            var border = cell.Style.Border;
            Assert.True(border.TopBorder != XLBorderStyleValues.None && border.BottomBorder != XLBorderStyleValues.None
                && border.LeftBorder != XLBorderStyleValues.None && border.RightBorder != XLBorderStyleValues.None, $"概览!{cell.Address} has no border");
        }

        var longText = new Dictionary<string, string[]>
        {
            ["概览"] = ["口径"],
            ["积分明细"] = ["备注"],
            ["兑换记录"] = ["兑换项目"],
            ["活动统计"] = ["活动", "地点"],
            ["民呼我应"] = ["事项", "办理过程"],
            ["微心愿"] = ["心愿", "认领方"],
            ["队伍花名册"] = ["离队原因"],
        };
        foreach (var (sheet, headers) in longText)
        {
            var ws = book.Worksheet(sheet);
            var headerRow = sheet == "概览" ? 8 : 1;
            foreach (var header in headers)
            {
                var column = ws.Row(headerRow).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;
                Assert.True(ws.Cell(headerRow + 1, column).Style.Alignment.WrapText, $"{sheet}!{header} does not wrap");
                Assert.True(ws.Column(column).Width <= ReportPrint.LongText[header] + 1, $"{sheet}!{header} is {ws.Column(column).Width} wide");
            }
        }
        // The 民呼我应 process text is longer than its column: its rows are made tall enough to show all of it.
        var tasks = book.Worksheet("民呼我应");
        var process = tasks.Row(1).CellsUsed().Single(c => c.GetString() == "办理过程").Address.ColumnNumber;
        var longest = tasks.Column(process).CellsUsed().Skip(1).MaxBy(c => c.GetString().Length)!;
        Assert.True(ReportCells.DisplayWidth(longest.GetString()) > tasks.Column(process).Width, "the demo month has no long process text");
        Assert.True(tasks.Row(longest.Address.RowNumber).Height > 2 * 15, $"row {longest.Address.RowNumber} is {tasks.Row(longest.Address.RowNumber).Height} pt high");
    }

    [Fact]
    public async Task TheRollUp_PrintsEverySheetWithTheSubDistrictInItsFooter_AndItsKpiColumnsStayNarrow()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(FixedTimeProvider.Default))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .AddSingleton<ExportGate>().AddSingleton<ReportExporter>().AddSingleton(new ReportOptions())
            .BuildServiceProvider();
        var result = await services.GetRequiredService<ReportExporter>().ExportSubDistrictAsync(await db.ActorAsync("jiedao"), "2026-10", 1, "jiedao");
        Assert.True(result.File is not null, result.Error);
        using var book = new XLWorkbook(new MemoryStream(result.File!.Content));

        foreach (var ws in book.Worksheets)
        {
            Assert.Equal(XLPageOrientation.Landscape, ws.PageSetup.PageOrientation);
            Assert.Equal(1, ws.PageSetup.PagesWide);
            Assert.Equal(0, ws.PageSetup.PagesTall);
            Assert.Contains("金东街道 · 2026年10月 · 第 &P 页 共 &N 页", ws.PageSetup.Footer.Center.GetText(XLHFOccurrence.OddPages));
        }
        var overview = book.Worksheet("概览");
        var lastKpiColumn = overview.Row(8).LastCellUsed()!.Address.ColumnNumber;
        Assert.True(lastKpiColumn > 10, $"{lastKpiColumn} columns");
        // Column B also holds 生成时间; every other KPI column is narrow, with a wrapping header.
        Assert.All(Enumerable.Range(3, lastKpiColumn - 2), c => Assert.True(overview.Column(c).Width <= 10, $"column {c} is {overview.Column(c).Width} wide"));
        Assert.True(overview.Cell(8, 3).Style.Alignment.WrapText);
    }

    [Fact]
    public async Task ALongNoteInTheStreamedLedger_GetsARowTallEnoughForItsWrappedLines_AndShortOnesKeepTheDefault()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var note = string.Concat(Enumerable.Repeat("上门帮独居老人更换厨房水龙头并检查管道", 3));
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note)
                VALUES ((SELECT MIN(Id) FROM Member), 3, 1, '2026-10-15', 'Service', '2026-10-15', @Note);
                """, new { Note = note });
        }
        var file = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");
        using var book = new XLWorkbook(new MemoryStream(file.Content));

        var ledger = book.Worksheet("积分明细");
        var noteColumn = ledger.Row(1).CellsUsed().Single(c => c.GetString() == "备注").Address.ColumnNumber;
        var rows = ledger.Column(noteColumn).CellsUsed().Skip(1).ToList();
        var tall = rows.Single(c => c.GetString() == note);
        // The column is written at its wrapping width (ClosedXML reads a streamed width back a little narrower).
        var lines = Math.Ceiling(ReportCells.DisplayWidth(note) / (ReportPrint.LongText["备注"] - 1));
        Assert.True(lines >= 3, $"{lines} lines");
        Assert.Equal(lines * 15 + 2, ledger.Row(tall.Address.RowNumber).Height, 1);
        Assert.True(tall.Style.Alignment.WrapText);
        var shortOne = rows.First(c => ReportCells.DisplayWidth(c.GetString()) < ledger.Column(noteColumn).Width - 1);
        Assert.Equal(15, ledger.Row(shortOne.Address.RowNumber).Height, 1);
    }

    [Theory]
    [InlineData("队伍花名册", "'队伍花名册'!$1:$1")]
    [InlineData("'积分明细'", "'积分明细'!$1:$1")]
    [InlineData("O'Brien", "'O''Brien'!$3:$4")]
    public void PrintTitles_AreRewrittenWithAQuotedSheetAndAbsoluteRows(string sheet, string expected)
    {
        var rows = expected.EndsWith("$3:$4", StringComparison.Ordinal) ? "3:4" : "1:1";
        System.Xml.Linq.XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var workbook = new System.Xml.Linq.XDocument(new System.Xml.Linq.XElement(main + "workbook",
            new System.Xml.Linq.XElement(main + "definedName", new System.Xml.Linq.XAttribute("name", "_xlnm.Print_Titles"), $"{sheet}!{rows}")));
        ReportPrint.FixPrintTitles(workbook);
        Assert.Equal(expected, workbook.Root!.Element(main + "definedName")!.Value);
    }

    /// <summary>
    /// The secretary's way to paper: LibreOffice converts the report to PDF. Every page carries the footer with its page
    /// number out of the total, and the 民呼我应 pages repeat their header row. Skipped without LibreOffice, unless
    /// BAIHE_REQUIRE_BROWSER=1 (CI), which makes that a failure.
    /// </summary>
    [SkippableFact]
    public async Task ConvertedByLibreOffice_EveryPageHasItsNumberOfTheTotal_AndHeaderRowsRepeat()
    {
        const string soffice = "/usr/bin/soffice";
        if (!File.Exists(soffice))
        {
            var reason = $"LibreOffice not found at {soffice} (apt-get install libreoffice-calc-nogui).";
            if (Environment.GetEnvironmentVariable(BrowserFixture.RequireVariable) == "1")
            {
                throw new InvalidOperationException($"{reason} {BrowserFixture.RequireVariable}=1 makes this a failure.");
            }
            Skip.If(true, reason);
        }
        await using var db = await TestDatabase.WithAccountsAsync();
        var file = await ExportAsync(db, await db.ActorAsync("shuji"), "2026-10");
        var dir = Directory.CreateTempSubdirectory("baihe-print-");
        try
        {
            var xlsx = Path.Combine(dir.FullName, "report.xlsx");
            await File.WriteAllBytesAsync(xlsx, file.Content);
            // A profile of its own, so a LibreOffice already running for someone else does not take the job.
            await RunAsync(soffice, $"-env:UserInstallation=file://{dir.FullName}/profile --headless --convert-to pdf --outdir {dir.FullName} {xlsx}");
            var pdf = Path.Combine(dir.FullName, "report.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF");
            var text = await RunAsync("pdftotext", $"-layout {pdf} -");
            var pages = text.Split('\f').Where(p => p.Trim().Length > 0).ToList();
            Assert.True(pages.Count >= ReportExporter.SheetNames.Count, $"{pages.Count} pages");
            for (var p = 0; p < pages.Count; p++)
            {
                Assert.Contains($"百合园社区 · 2026年10月 · 第 {p + 1} 页 共 {pages.Count} 页", pages[p]);
            }
            var rosterPages = pages.Where(p => p.Contains("银辉先锋", StringComparison.Ordinal) || p.Contains("合唱队", StringComparison.Ordinal)).ToList();
            Assert.True(rosterPages.Count > 1, "the roster fits one page; the header repeat is not exercised");
            Assert.All(rosterPages.Where(p => p.Contains("志愿服务队", StringComparison.Ordinal) || p.Contains("兴趣队伍", StringComparison.Ordinal)),
                p => Assert.Contains("入队日期", p));
            Assert.Contains(pages, p => p.Contains("办理过程", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {await error}");
        return await output;
    }
}
