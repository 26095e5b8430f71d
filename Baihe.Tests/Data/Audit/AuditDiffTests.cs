using Baihe.Data.Audit;

namespace Baihe.Tests.Data.Audit;

public class AuditDiffTests
{
    [Fact]
    public void ChangedFields_BecomeOneLineEach_AndUnchangedOnesAreLeftOut()
    {
        var lines = AuditDiff.Lines("""{"Name":"王芳","Role":"Member"}""", """{"Name":"王芳","Role":"Deputy","Note":"新"}""", fullPhones: true);

        Assert.Equal(["角色：队员 → 副队长", "备注：新"], lines.Select(l => l.ToString()));
    }

    [Fact]
    public void AccountRoles_ReadInChinese_AsTheAccountsPageNamesThem()
    {
        var lines = AuditDiff.Lines("""{"Role":"Lead"}""", """{"Role":"Secretary"}""", fullPhones: true);

        Assert.Equal("角色：队长 → 社区书记", Assert.Single(lines).ToString());
    }

    /// <summary>
    /// Every action code the code writes to the log (an audited write or a refusal) has a Chinese name, so the viewer
    /// and its export never show a user "User.ResetPassword". The codes are read from the calls' source text.
    /// </summary>
    [Fact]
    public void EveryActionCodeTheCodeWrites_HasAChineseName()
    {
        var call = new System.Text.RegularExpressions.Regex(@"(?:\bAudit|DeniedAsync)\(");
        var code = new System.Text.RegularExpressions.Regex("\"([A-Z][a-z]+\\.[A-Z][A-Za-z]+)\"");
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var project in new[] { "Baihe.Data", "Baihe.Dashboard" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Baihe.Tests.TestSupport.Repo.Root, project), "*.*", SearchOption.AllDirectories)
                         .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                             && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
            {
                foreach (var line in File.ReadLines(file).Where(l => call.IsMatch(l)))
                {
                    codes.UnionWith(code.Matches(line).Select(m => m.Groups[1].Value));
                }
            }
        }

        Assert.True(codes.Count >= 40, $"found only {codes.Count} codes: the scan is broken");
        Assert.Contains("Roster.AddMember", codes);
        var unnamed = codes.Where(c => AuditLabels.Action(c) == c).ToList();
        Assert.True(unnamed.Count == 0, "no Chinese name in AuditLabels: " + string.Join(", ", unnamed));
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
