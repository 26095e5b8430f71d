using Baihe.Dashboard.Services.Import;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Import;
using Baihe.Data.Members;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Import;

public class ImportCommandsTests
{
    private static readonly DateTime JoinDay = new(2025, 5, 4);

    private static ImportFile Read(byte[] bytes, string name = "名册.xlsx")
    {
        var read = ImportWorkbookReader.Read(bytes, name);
        Assert.Null(read.Error);
        return read.File!;
    }

    private static ImportFile GoodFile() => Read(ImportWorkbooks.Build(
        [
            ["导入甲", "13900000001", "第一网格", "是", "否", "水电维修"],
            ["导入乙", "+86 139-0000-0002", "第二网格", "否", "是", null],
            ["导入丙", null, "第三网格", null, null, "剪纸"],
        ],
        [
            ["导入甲", "13900000001", "金姐姐", "副队长", JoinDay],
            ["导入乙", "13900000002", "金姐姐", "队员", "2025/6/1"],
            ["导入丙", null, "银辉先锋", "队员", JoinDay],
        ]));

    private static async Task<(long Members, long Memberships)> CountsAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Member;"),
            await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Membership;"));
    }

    private static async Task<MemberListRow> FindAsync(TestDatabase db, Actor actor, string name)
    {
        var list = await new MemberListQueries(db.Factory, new CommunityQueries(db.Factory, db.Clock), db.Clock)
            .ListAsync(actor, MemberListFilter.Parse(null, name, null, null, null, null, null, []));
        return Assert.Single(list.Page.Rows);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AGoodFile_AddsResidentsAndRosterPlaces_AsTheQueryClassesShowThem(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var shuji = await db.ActorAsync("shuji");
        var commands = new ImportCommands(db.Factory, db.Clock);
        var file = GoodFile();

        var preview = await commands.PreviewAsync(shuji, 1, file);
        Assert.Empty(preview.Problems);
        Assert.Equal(new ImportCounts(3, 0, 0, 3, 0), preview.Counts);
        var result = await commands.CommitAsync(shuji, 1, file);

        Assert.True(result.Ok, result.Error);
        var jia = await FindAsync(db, shuji, "导入甲");
        Assert.Equal(("第一网格", "13900000001", true, false, "水电维修"), (jia.Grid, jia.Phone, jia.IsPartyMember, jia.IsNeighbourLead, jia.Skill));
        Assert.Equal(["金姐姐"], jia.Teams);
        var yi = await FindAsync(db, shuji, "导入乙");
        Assert.Equal(("13900000002", true), (yi.Phone, yi.IsNeighbourLead));
        var bing = await FindAsync(db, shuji, "导入丙");
        Assert.Equal(["银辉先锋"], bing.Teams);

        var teams = await new TeamQueries(db.Factory).ListAsync(1);
        var jinjiejie = teams.Single(t => t.Name == "金姐姐").Id;
        var roster = await new RosterQueries(db.Factory, db.Clock).PageAsync(jinjiejie, RosterFilter.Parse("导入", null, null, "name", null));
        Assert.Equal(2, roster.Total);
        var deputy = roster.Rows.Single(r => r.Name == "导入甲");
        Assert.Equal((RosterRole.Deputy, JoinDay), (deputy.Role, deputy.JoinedOn));
        Assert.Equal(new DateTime(2025, 6, 1), roster.Rows.Single(r => r.Name == "导入乙").JoinedOn);
    }

    [Fact]
    public async Task TheSameFileTwice_ChangesNothingTheSecondTime()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var commands = new ImportCommands(db.Factory, db.Clock);
        Assert.True((await commands.CommitAsync(shuji, 1, GoodFile())).Ok);
        var after = await CountsAsync(db);
        await using var conn = await db.Factory.OpenAsync();
        var versions = await conn.ExecuteScalarAsync<long>("SELECT SUM(RowVersion) FROM Member;");

        var second = await commands.PreviewAsync(shuji, 1, GoodFile());
        Assert.Empty(second.Problems);
        Assert.Equal(new ImportCounts(0, 0, 3, 0, 3), second.Counts);
        Assert.False(second.Counts.WritesAnything);
        Assert.True((await commands.CommitAsync(shuji, 1, GoodFile())).Ok);

        Assert.Equal(after, await CountsAsync(db));
        Assert.Equal(versions, await conn.ExecuteScalarAsync<long>("SELECT SUM(RowVersion) FROM Member;"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheSameFileCommittedTwiceAtOnce_RegistersItsPeopleOnce(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var shuji = await db.ActorAsync("shuji");
        var commands = new ImportCommands(db.Factory, db.Clock);
        var before = await CountsAsync(db);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => commands.CommitAsync(shuji, 1, GoodFile()))));

        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        Assert.Equal((before.Members + 3, before.Memberships + 3), await CountsAsync(db));
    }

    [Fact]
    public async Task ARegisteredResident_IsMatchedByNameAndPhone_AndOnlyTheChangedFlagsAreWritten()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        await using var conn = await db.Factory.OpenAsync();
        var known = await conn.QueryFirstAsync<(long Id, string Name, string Phone)>(
            "SELECT m.Id, m.Name, m.Phone FROM Member m WHERE m.GridId = 1 AND m.Phone IS NOT NULL AND m.IsPartyMember = 0 ORDER BY m.Id;");
        var before = await CountsAsync(db);

        var file = Read(ImportWorkbooks.Build([[known.Name, known.Phone, "第一网格", "是", null, null]]));
        var preview = await new ImportCommands(db.Factory, db.Clock).PreviewAsync(shuji, 1, file);
        Assert.Equal(new ImportCounts(0, 1, 0, 0, 0), preview.Counts);
        Assert.True((await new ImportCommands(db.Factory, db.Clock).CommitAsync(shuji, 1, file)).Ok);

        Assert.Equal(before, await CountsAsync(db));
        Assert.True(await conn.ExecuteScalarAsync<bool>("SELECT IsPartyMember FROM Member WHERE Id = @Id;", new { known.Id }));
    }

    [Fact]
    public async Task EveryRowError_IsListedByRowAndColumn_InChinese()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        await using var conn = await db.Factory.OpenAsync();
        var known = await conn.QueryFirstAsync<(string Name, string Phone)>(
            "SELECT m.Name, m.Phone FROM Member m WHERE m.GridId = 1 AND m.Phone IS NOT NULL ORDER BY m.Id;");
        var sitting = await conn.QueryFirstAsync<string>(
            "SELECT t.Name FROM Team t JOIN Membership ms ON ms.TeamId = t.Id WHERE t.CommunityId = 1 AND ms.Role = 'Lead' AND ms.LeftOn IS NULL ORDER BY t.Id;");
        var file = Read(ImportWorkbooks.Build(
            [
                ["好人", "13900000011", "第一网格", "是", "否", null],        // row 2: fine
                ["坏号码", "1234567", "第一网格", null, null, null],          // 3: malformed phone
                ["没网格", "13900000012", "第九网格", null, null, null],      // 4: unknown grid
                ["好人", "13900000011", "第一网格", null, null, null],        // 5: duplicate of row 2
                [known.Name, "13900000013", "第一网格", null, null, null],    // 6: registered with another phone
                [new string('名', 21), "13900000014", "第一网格", null, null, null], // 7: name over 20
                ["标记错", "13900000015", "第一网格", "也许", null, null],    // 8: flag neither 是 nor 否
                ["张三（示例）", "13800138000", "第一网格", null, null, null], // 9: the template's example
            ],
            [
                ["好人", "13900000011", "不存在的队", "队员", JoinDay],        // 2: unknown team
                ["好人", "13900000011", "金姐姐", "队员", new DateTime(2027, 1, 1)], // 3: future date
                ["好人", "13900000011", "银辉先锋", "队员", JoinDay],          // 4: fine
                ["好人", "13900000011", "银辉先锋", "队员", JoinDay],          // 5: duplicate of row 4
                ["好人", "13900000011", sitting, "队长", JoinDay],            // 6: the team has a lead
                ["查无此人", "13900000099", "金姐姐", "队员", JoinDay],        // 7: nobody of that name and phone
                ["好人", "13900000011", "金姐姐", "教练", JoinDay],            // 8: unknown role
            ]));

        var preview = await new ImportCommands(db.Factory, db.Clock).PreviewAsync(shuji, 1, file);

        var found = preview.Problems.Select(p => (p.Sheet, p.Row, p.Column)).ToHashSet();
        (string, int, string)[] expected =
        [
            ("居民", 3, "手机号"), ("居民", 4, "网格"), ("居民", 5, "姓名"), ("居民", 6, "手机号"), ("居民", 7, "姓名"),
            ("居民", 8, "党员"), ("居民", 9, "姓名"),
            ("队伍成员", 2, "队伍"), ("队伍成员", 3, "入队日期"), ("队伍成员", 5, "队伍"), ("队伍成员", 6, "角色"),
            ("队伍成员", 7, "姓名"), ("队伍成员", 8, "角色"),
        ];
        Assert.All(expected, e => Assert.Contains(e, found));
        Assert.Equal(expected.Length, preview.Problems.Count);
        Assert.DoesNotContain(preview.Problems, p => p.Row == 2 && p.Sheet == "居民");
        Assert.Contains("不能超过 20 字", preview.Problems.Single(p => p.Row == 7 && p.Sheet == "居民").Message);
        Assert.Contains("不能晚于今天", preview.Problems.Single(p => p.Row == 3 && p.Sheet == "队伍成员").Message);
        Assert.Contains("与第 2 行重复", preview.Problems.Single(p => p.Row == 5 && p.Sheet == "居民").Message);
        Assert.Contains("已有队长", preview.Problems.Single(p => p.Row == 6 && p.Sheet == "队伍成员").Message);
        Assert.Contains("与本行不同", preview.Problems.Single(p => p.Row == 6 && p.Sheet == "居民").Message);
        Assert.False(preview.CanCommit);
    }

    [Fact]
    public async Task ALateBadRow_WritesNothingAtAll()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var rows = Enumerable.Range(0, 300).Select(i => new object?[] { $"批量{i}", $"139{i:D8}", "第二网格", null, null, null })
            .Append(["最后一行", "13900", "第二网格", null, null, null]);
        var file = Read(ImportWorkbooks.Build(rows));
        var before = await CountsAsync(db);

        var result = await new ImportCommands(db.Factory, db.Clock).CommitAsync(shuji, 1, file);

        Assert.False(result.Ok);
        Assert.Equal(ImportCommands.HasProblems, result.Error);
        Assert.Equal(before, await CountsAsync(db));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Import.Commit';"));
    }

    [Fact]
    public async Task ACommit_WritesOneAuditRow_WithTheFilesSha256AndTheCounts()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var file = GoodFile();

        Assert.True((await new ImportCommands(db.Factory, db.Clock).CommitAsync(shuji, 1, file)).Ok);

        await using var conn = await db.Factory.OpenAsync();
        var audit = await conn.QuerySingleAsync<(string UserName, string EntityId, string AfterJson)>(
            "SELECT UserName, EntityId, AfterJson FROM AuditLog WHERE Action = 'Import.Commit';");
        Assert.Equal(("shuji", "1"), (audit.UserName, audit.EntityId));
        Assert.Contains($"\"Sha256\":\"{file.Sha256}\"", audit.AfterJson);
        Assert.Contains("\"NewResidents\":3", audit.AfterJson);
        Assert.Contains("\"NewMemberships\":3", audit.AfterJson);
    }

    [Fact]
    public async Task AForeignCommunity_IsRefusedAndAudited_WhileAnAdminMayImportIntoAny()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var admin = await db.ActorAsync("admin");
        var commands = new ImportCommands(db.Factory, db.Clock);
        var file = Read(ImportWorkbooks.Build([["别社区人", "13900000021", "第一网格", null, null, null]]));
        var before = await CountsAsync(db);

        await Assert.ThrowsAsync<AccessDeniedException>(() => commands.PreviewAsync(shuji, 2, file));
        await Assert.ThrowsAsync<AccessDeniedException>(() => commands.CommitAsync(shuji, 2, file));
        var missing = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.CommitAsync(admin, 999, file));
        Assert.Equal("找不到这个社区。", missing.Message);
        Assert.Equal(before, await CountsAsync(db));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(3, await conn.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditLog WHERE Action IN ('Denied:Import.Preview', 'Denied:Import.Commit');"));

        Assert.True((await commands.CommitAsync(admin, 2, file)).Ok);
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE m.Name = '别社区人' AND g.CommunityId = 2;"));
    }

    [Theory]
    [InlineData(Roles.Secretary, 1, true)]
    [InlineData(Roles.Secretary, 2, false)]
    [InlineData(Roles.Admin, 2, true)]
    [InlineData(Roles.Official, 1, false)]
    [InlineData(Roles.Lead, 1, false)]
    public void ImportRules_LetTheSecretaryOfTheCommunityAndAdminsImport(string role, int community, bool allowed)
    {
        var actor = new Actor(1, "x", role, 1, role == Roles.Secretary ? 1 : null, role == Roles.Lead ? 1 : null);
        Assert.Equal(allowed, ImportRules.CanImport(actor, new ImportTarget(community)));
    }
}
