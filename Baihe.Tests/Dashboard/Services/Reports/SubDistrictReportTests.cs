using System.IO.Compression;
using System.Net;
using Baihe.Dashboard.Components.Pages.Reports;
using Baihe.Dashboard.Services.Auth;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Data.Reports;
using Baihe.Tests.TestSupport;
using Bunit;
using ClosedXML.Excel;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Services.Reports;

/// <summary>The officials' sub-district roll-up, its refusal to everyone else, the split above the row limit and the queue.</summary>
public class SubDistrictReportTests
{
    private static readonly Period October = new(new DateTime(2026, 10, 1), new DateTime(2026, 11, 1));

    private static ServiceProvider Services(TestDatabase db, int maxRows = 1_000_000) =>
        new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(FixedTimeProvider.Default))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .AddSingleton<ExportGate>().AddSingleton<ReportExporter>()
            .AddSingleton(new ReportOptions { MaxRowsPerWorkbook = maxRows })
            .BuildServiceProvider();

    /// <summary>The id of the second community these tests add to 金东街道.</summary>
    private const int Second = 902;

    /// <summary>
    /// 金东街道 with exactly two communities: 百合园社区 and a small 百花社区 with residents and October points, so the
    /// roll-up's figures can be added up by hand. The demo's sample communities move to another 街道 for these tests.
    /// </summary>
    private static async Task<TestDatabase> TwoCommunitiesAsync()
    {
        var db = await TestDatabase.WithAccountsAsync();
        await using var conn = await db.Factory.OpenAsync();
        await conn.ExecuteAsync("""
            INSERT INTO SubDistrict (Id, Name, District, City) SELECT 90, '测试街道', District, City FROM SubDistrict WHERE Id = (SELECT SubDistrictId FROM Community WHERE Id = 1);
            UPDATE Community SET SubDistrictId = 90 WHERE Id <> 1;
            INSERT INTO Community (Id, SubDistrictId, Name) SELECT 902, SubDistrictId, '百花社区' FROM Community WHERE Id = 1;
            INSERT INTO Grid (Id, CommunityId, Name, SortOrder) VALUES (900, 902, '百花一网格', 1);
            INSERT INTO Member (Id, GridId, Name, Phone, IsNeighbourLead, CreatedAt) VALUES (9001, 900, '百花甲', '13800000001', 1, '2026-01-01');
            INSERT INTO Member (Id, GridId, Name, Phone, IsNeighbourLead, CreatedAt) VALUES (9002, 900, '百花乙', NULL, 0, '2026-01-01');
            INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note) VALUES (9001, 1, 3, '2026-10-03', 'Service', '2026-10-03', '百花服务');
            INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note) VALUES (9002, 2, 2, '2026-10-09', 'Service', '2026-10-09', '=1+1');
            INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt, Note) VALUES (9002, 3, 1, '2026-10-20', 'Service', '2026-10-20', NULL);
            """);
        await db.RecountSummariesAsync();
        return db;
    }

    private static async Task<int> LedgerRowsAsync(TestDatabase db, int communityId)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM PointEntry pe JOIN Member m ON m.Id = pe.MemberId JOIN Grid g ON g.Id = m.GridId
            WHERE g.CommunityId = @communityId AND pe.OccurredOn >= '2026-10-01' AND pe.OccurredOn < '2026-11-01';
            """, new { communityId });
    }

    [Fact]
    public async Task OfficialsRollUp_HasARowPerCommunity_AndItsTotalsAreTheSumOfEachCommunitysDashboard()
    {
        await using var db = await TwoCommunitiesAsync();
        await using var services = Services(db);
        var official = await db.ActorAsync("jiedao");

        var result = await services.GetRequiredService<ReportExporter>().ExportSubDistrictAsync(official, "2026-10", official.SubDistrictId!.Value, "街道干部");

        Assert.True(result.File is not null, result.Error);
        Assert.Empty(result.Parts);
        Assert.Equal("金东街道_2026年10月_汇总月报.xlsx", result.File!.FileName);
        using var book = new XLWorkbook(new MemoryStream(result.File.Content));
        Assert.Equal(ReportExporter.SheetNames, book.Worksheets.Select(w => w.Name));
        var overview = book.Worksheet("概览");
        // 生成时间 is a real date-time in a column wide enough to show it (a narrow one shows ### in Excel and LibreOffice).
        var generated = overview.Column(1).CellsUsed().Single(c => c.GetString() == "生成时间").CellRight();
        Assert.Equal(XLDataType.DateTime, generated.DataType);
        Assert.True(overview.Column(2).Width > "2026-10-31 23:59".Length, $"column B is {overview.Column(2).Width} wide");
        var header = overview.RowsUsed().First(r => r.Cell(1).GetString() == ReportCells.CommunityHeader);
        var columns = header.CellsUsed().Skip(1).ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        int Figure(string community, string kpi) =>
            overview.RowsUsed().Single(r => r.Cell(1).GetString() == community).Cell(columns[kpi]).GetValue<int>();

        var dashboard = new OverviewQueries(db.Factory);
        var first = await dashboard.LoadAsync(1, October);
        var second = await dashboard.LoadAsync(Second, October);
        Assert.Equal(6, second.Kpis.PointsIssued);
        foreach (var (kpi, pick) in new (string, Func<OverviewData, int>)[]
        {
            ("本月积分发放", d => d.Kpis.PointsIssued), ("本月办结", d => d.Kpis.TasksDone),
            ("本月完成微心愿", d => d.Kpis.WishesFulfilled), ("百合邻长", d => d.Kpis.NeighbourLeads),
        })
        {
            Assert.Equal(pick(first), Figure("百合园社区", kpi));
            Assert.Equal(pick(second), Figure("百花社区", kpi));
            Assert.Equal(pick(first) + pick(second), Figure("合计", kpi));
        }
        foreach (var area in first.PointsByArea)
        {
            Assert.Equal(area.Points + second.PointsByArea.Single(a => a.CategoryId == area.CategoryId).Points, Figure("合计", $"其中{area.Area}"));
        }

        // Detail sheets carry a 社区 column, and the ledger holds both communities' rows, safely.
        var ledger = book.Worksheet("积分明细");
        Assert.Equal(ReportCells.CommunityHeader, ledger.Cell(1, 1).GetString());
        Assert.Equal("日期", ledger.Cell(1, 2).GetString());
        var rows = ledger.RowsUsed().Skip(1).ToList();
        Assert.Equal(await LedgerRowsAsync(db, 1) + await LedgerRowsAsync(db, Second), rows.Count);
        Assert.Equal(3, rows.Count(r => r.Cell(1).GetString() == "百花社区"));
        Assert.Equal(XLDataType.DateTime, rows[^1].Cell(2).DataType);
        var formula = rows.Single(r => r.Cell(8).GetString() == "=1+1").Cell(8);
        Assert.False(formula.HasFormula);
        Assert.True(formula.Style.IncludeQuotePrefix);
        Assert.Equal(ReportCells.CommunityHeader, book.Worksheet("队伍花名册").Cell(1, 1).GetString());
        Assert.All(book.Worksheet("队伍花名册").Column(7).CellsUsed().Skip(1), c => Assert.Matches(@"^1[0-9]{2}\*{4}[0-9]{4}$", c.GetString()));

        await using var conn = await db.Factory.OpenAsync();
        var audit = await conn.QuerySingleAsync<(string EntityType, string AfterJson)>("SELECT EntityType, AfterJson FROM AuditLog WHERE Action = 'Report.Export';");
        Assert.Equal("SubDistrict", audit.EntityType);
        Assert.Contains(result.File.Sha256, audit.AfterJson);
    }

    [Fact]
    public async Task LedgerCounts_OfACommunityExport_ReadOnlyThatCommunity_AndOfARollUpEveryCommunity()
    {
        await using var db = await TwoCommunitiesAsync();
        var reports = new ReportQueries(db.Factory);
        var subDistrict = (await db.ActorAsync("jiedao")).SubDistrictId!.Value;

        var one = await reports.LedgerCountsAsync(new ExportScope(Second, null, FullPhones: true), October);
        var all = await reports.LedgerCountsAsync(ExportScope.SubDistrict(subDistrict), October);

        Assert.Equal([Second], one.Keys);
        Assert.Equal(3, one[Second]);
        Assert.Equal([1, Second], all.Keys.Order());
        Assert.Equal(await LedgerRowsAsync(db, 1), all[1]);
    }

    [Fact]
    public async Task ACommunityExportOfAnOfficial_HoldsOnlyThatCommunitysLedger()
    {
        await using var db = await TwoCommunitiesAsync();
        await using var services = Services(db);

        var result = await services.GetRequiredService<ReportExporter>().ExportAsync(await db.ActorAsync("jiedao"), "2026-10", Second, "街道干部");

        Assert.True(result.File is not null, result.Error);
        using var book = new XLWorkbook(new MemoryStream(result.File!.Content));
        var notes = book.Worksheet("积分明细").Column(7).CellsUsed().Skip(1).Select(c => c.GetString()).ToList();
        Assert.Equal(["百花服务", "=1+1"], notes);
        Assert.Equal(3, book.Worksheet("积分明细").RowsUsed().Count() - 1);
    }

    [Theory]
    [InlineData("shuji")]
    [InlineData("jinjiejie")]
    public async Task SecretariesAndLeads_AreRefusedTheRollUp_AndTheRefusalIsAudited(string userName)
    {
        await using var db = await TwoCommunitiesAsync();
        await using var services = Services(db);
        var actor = await db.ActorAsync(userName);

        var result = await services.GetRequiredService<ReportExporter>().ExportSubDistrictAsync(actor, "2026-10", 1, "x");

        Assert.Null(result.File);
        Assert.True(result.Denied);
        Assert.Contains("街道干部", result.Error);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Report.Export';"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Report.Export' AND EntityType = 'SubDistrict';"));
    }

    [Fact]
    public async Task ARollUpAboveTheRowLimit_IsSplitIntoOneWorkbookPerCommunity()
    {
        await using var db = await TwoCommunitiesAsync();
        await using var services = Services(db, maxRows: 5);
        var official = await db.ActorAsync("jiedao");

        var result = await services.GetRequiredService<ReportExporter>().ExportSubDistrictAsync(official, "2026-10", official.SubDistrictId!.Value, "街道干部");

        Assert.True(result.File is not null, result.Error);
        Assert.EndsWith(".zip", result.File!.FileName);
        Assert.Equal(["百合园社区_2026年10月_月报.xlsx", "百花社区_2026年10月_月报.xlsx"], result.Parts.Select(p => p.FileName));
        using var zip = new ZipArchive(new MemoryStream(result.File.Content));
        Assert.Equal(result.Parts.Select(p => p.FileName), zip.Entries.Select(e => e.FullName));
        var entry = new MemoryStream();
        await zip.GetEntry("百花社区_2026年10月_月报.xlsx")!.Open().CopyToAsync(entry);
        using var second = new XLWorkbook(entry);
        Assert.Equal(3, second.Worksheet("积分明细").RowsUsed().Count() - 1);
        Assert.Equal(await LedgerRowsAsync(db, 1), new XLWorkbook(new MemoryStream(result.Parts[0].Content)).Worksheet("积分明细").RowsUsed().Count() - 1);
    }

    [Fact]
    public async Task ExportCli_WithCommunityAll_WritesTheRollUp_OrOneFilePerCommunityAboveTheLimit()
    {
        await using var db = await TwoCommunitiesAsync();
        var dir = Path.Combine(Path.GetTempPath(), "baihe-tests", Guid.NewGuid().ToString("N"));
        await using (var services = Services(db))
        {
            Assert.Equal(0, await ExportCli.RunAsync(["export", "--month", "2026-10", "--community", "all", "--out", $"{dir}/all.xlsx"], services, new StringWriter(), new StringWriter()));
            using var book = new XLWorkbook($"{dir}/all.xlsx");
            Assert.Equal(ReportCells.CommunityHeader, book.Worksheet("积分明细").Cell(1, 1).GetString());
            Assert.Equal(1, await ExportCli.RunAsync(["export", "--month", "2026-10", "--community", "all", "--subdistrict", "77", "--out", $"{dir}/x.xlsx"], services, new StringWriter(), new StringWriter()));
        }
        await using (var services = Services(db, maxRows: 5))
        {
            Assert.Equal(0, await ExportCli.RunAsync(["export", "--month", "2026-10", "--community", "all", "--out", $"{dir}/split.xlsx"], services, new StringWriter(), new StringWriter()));
        }
        Assert.True(File.Exists($"{dir}/split_百合园社区.xlsx"));
        Assert.True(File.Exists($"{dir}/split_百花社区.xlsx"));
        Assert.False(File.Exists($"{dir}/split.xlsx"));
    }

    [Fact]
    public async Task ReportsDownload_CommunityAll_GivesAnOfficialTheRollUp_AndRefusesASecretary()
    {
        await using var app = new AppFactory();
        using var official = await app.SignedInClientAsync("jiedao");
        using var secretary = await app.SignedInClientAsync("shuji");
        var lastMonth = DateTime.Today.AddMonths(-1).ToString("yyyy-MM");

        var ok = await official.GetAsync($"/reports/export?month={lastMonth}&community=all");
        var refused = await secretary.GetAsync($"/reports/export?month={lastMonth}&community=all");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.EndsWith("_汇总月报.xlsx", ok.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("街道干部", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReportsPage_ShowsTheWaitingMessage_WhileItsExportIsQueuedBehindAnother()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var gate = new ExportGate();
        await using var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock).AddSingleton(gate)
            .AddSingleton<CommunityQueries>().AddSingleton<Baihe.Data.Reports.ReportQueries>().AddScoped<CurrentActor>()
            // The page's archive section: its history query and the 生成 button's archiver (not used by this test).
            .AddSingleton<Baihe.Data.Reports.ReportArchiveQueries>().AddSingleton<Baihe.Data.Reports.ReportArchiveCommands>()
            .AddSingleton<Baihe.Data.Reports.ReportCommands>().AddSingleton<Baihe.Data.Overview.OverviewQueries>()
            .AddSingleton<Baihe.Data.Points.PointsQueries>().AddSingleton(new ReportOptions()).AddSingleton<ReportExporter>()
            .AddSingleton<ReportArchiver>();
        var auth = ctx.AddAuthorization();
        var official = await db.ActorAsync("jiedao");
        auth.SetAuthorized("jiedao");
        auth.SetRoles(Roles.Official);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, official.UserId.ToString()),
            new System.Security.Claims.Claim(BaiheClaims.SubDistrict, official.SubDistrictId!.Value.ToString()));
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        ctx.Render<MudBlazor.MudPopoverProvider>();
        var cut = ctx.Render<ReportsPage>();
        cut.WaitForAssertion(() => Assert.Contains("community=", cut.Find("a.export").GetAttribute("href")));
        var href = cut.Find("a.export").GetAttribute("href")!;
        var ticket = href[(href.IndexOf("ticket=", StringComparison.Ordinal) + 7)..];

        // Another export holds the slot; the click's download (with the link's ticket) queues behind it.
        var running = await gate.EnterAsync(CancellationToken.None, "other");
        cut.Find("a.export").Click();
        var queued = gate.EnterAsync(CancellationToken.None, ticket);

        cut.WaitForAssertion(() => Assert.Contains("另一份报表正在生成，请稍候", cut.Find(".export-waiting").TextContent));
        running.Dispose();
        (await queued).Dispose();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".export-waiting")));
    }
}
