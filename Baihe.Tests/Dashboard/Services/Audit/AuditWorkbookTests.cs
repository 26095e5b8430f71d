using Baihe.Dashboard.Services.Audit;
using Baihe.Data.Audit;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using ClosedXML.Excel;

namespace Baihe.Tests.Dashboard.Services.Audit;

/// <summary>The exported log read back: masked phones, formulas kept as text, and the export recorded in the log.</summary>
public class AuditWorkbookTests
{
    private static AuditRow Row(string? before, string? after, string user = "shuji") => new()
    {
        Id = 1, OccurredAt = new DateTime(2026, 3, 1, 10, 0, 0), UserName = user, Action = "Member.EditContact", EntityType = "Member",
        EntityId = "7", BeforeJson = before, AfterJson = after, CommunityId = 1, CommunityName = "百合园社区",
    };

    private static IXLWorksheet Read(byte[] bytes) => new XLWorkbook(new MemoryStream(bytes)).Worksheet(1);

    [Fact]
    public void Export_MasksPhonesForReadersWhoSeeMaskedPhones()
    {
        var rows = new[] { Row("""{"Phone":"13800001111"}""", """{"Phone":"13900002222","Note":"转告 13700003333"}""") };

        var masked = Read(AuditWorkbook.Build(rows, fullPhones: false)).Cell(2, 8).GetString();
        var full = Read(AuditWorkbook.Build(rows, fullPhones: true)).Cell(2, 8).GetString();

        Assert.Equal("电话：138****1111 → 139****2222\n备注：转告 137****3333", masked);
        Assert.DoesNotContain("13900002222", masked);
        Assert.Contains("13900002222", full);
    }

    [Fact]
    public void Export_KeepsFormulaLikeTextAsText()
    {
        var rows = new[] { Row(null, """{"Name":"=HYPERLINK(\"http://x\")"}""", user: "@evil") };

        var ws = Read(AuditWorkbook.Build(rows, fullPhones: false));

        var user = ws.Cell(2, 2);
        Assert.False(user.HasFormula);
        Assert.True(user.Style.IncludeQuotePrefix);
        Assert.Equal("@evil", user.GetString());
        Assert.False(ws.Cell(2, 8).HasFormula);
        Assert.Equal(["时间", "操作人", "操作", "操作代码", "记录类型", "记录编号", "社区", "变更内容"],
            Enumerable.Range(1, 8).Select(c => ws.Cell(1, c).GetString()));
        Assert.Equal("修改联系方式", ws.Cell(2, 3).GetString());
    }

    [Fact]
    public async Task ExportRows_AreTheFilteredRowsOfTheView_AndTheExportIsAudited()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        await using (var conn = await db.Factory.OpenAsync())
        {
            await Journal.AuditAsync(conn, null, shuji, db.Clock.Now, "Member.EditContact", "Member", 1, new { Phone = "13800001111" }, new { Phone = "13900002222" });
        }

        var rows = await new AuditCommands(db.Factory, db.Clock).ExportRowsAsync(shuji, new AuditFilter(Action: "Member.EditContact"));
        var page = await new AuditQueries(db.Factory).PageAsync(await db.ActorAsync("admin"), new AuditFilter(Action: "Audit.Export"), 1, 10);

        Assert.Equal("Member.EditContact", Assert.Single(rows).Action);
        var export = Assert.Single(page.Rows);
        Assert.Equal(("shuji", 1), (export.UserName, export.CommunityId));
        Assert.Contains("\"Rows\":1", export.AfterJson);
    }
}
