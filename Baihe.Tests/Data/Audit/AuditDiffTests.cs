using Baihe.Data.Audit;

namespace Baihe.Tests.Data.Audit;

public class AuditDiffTests
{
    [Fact]
    public void ChangedFields_BecomeOneLineEach_AndUnchangedOnesAreLeftOut()
    {
        var lines = AuditDiff.Lines("""{"Name":"王芳","Role":"Member"}""", """{"Name":"王芳","Role":"Deputy","Note":"新"}""", fullPhones: true);

        Assert.Equal(["角色：Member → Deputy", "备注：新"], lines.Select(l => l.ToString()));
    }

    [Fact]
    public void Phones_AreMaskedForReadersWhoSeeMaskedPhones_InPhoneFieldsAndFreeText()
    {
        var masked = AuditDiff.Lines("""{"Phone":"13800001111"}""", """{"Phone":"13900002222","Note":"请拨 13700003333"}""", fullPhones: false);
        var full = AuditDiff.Lines("""{"Phone":"13800001111"}""", """{"Phone":"13900002222"}""", fullPhones: true);

        Assert.Equal(["电话：138****1111 → 139****2222", "备注：请拨 137****3333"], masked.Select(l => l.ToString()));
        Assert.Equal("电话：13800001111 → 13900002222", Assert.Single(full).ToString());
    }

    [Fact]
    public void BrokenJson_IsShownAsItIs_NotHidden()
    {
        Assert.Equal("值：{oops", Assert.Single(AuditDiff.Lines(null, "{oops", fullPhones: true)).ToString());
    }

    [Fact]
    public void RefusalCodes_ReadInChinese()
    {
        Assert.Equal("被拒绝：添加队员", AuditLabels.Action("Denied:Roster.AddMember"));
        Assert.Equal("Some.Unknown", AuditLabels.Action("Some.Unknown"));
    }

    [Theory]
    [InlineData("2026-13-01", null, "开始日期")]
    [InlineData(null, "yesterday", "结束日期")]
    [InlineData("2026-03-05", "2026-03-01", "晚于")]
    public void BadDates_AreDroppedWithAChineseMessage(string? from, string? to, string message)
    {
        var parse = AuditFilterParser.Parse(null, null, null, null, null, from, to, null, null);

        Assert.Contains(parse.Problems, p => p.Contains(message));
        Assert.Null(parse.Filter.From);
        Assert.Null(parse.Filter.To);
    }

    [Fact]
    public void UnknownAreaTypeActionAndPage_AreDroppedWithMessages_AndGoodValuesKept()
    {
        var parse = AuditFilterParser.Parse("shuji", "Roster.Add'; DROP", "Nope", "Table", "7", "2026-03-01", null, "x", "-1");

        Assert.Equal(5, parse.Problems.Count);
        Assert.Equal(new AuditFilter(Person: "shuji", From: new DateOnly(2026, 3, 1)), parse.Filter);
        Assert.Equal(1, parse.Page);
    }
}
