using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Teams;

/// <summary>Roster writes on a real database: rules, refusals, conflicts and the audit trail.</summary>
public class RosterCommandsTests
{
    private static async Task<(TestDatabase Db, RosterCommands Roster, int JinJieJie, int YinHui)> SetUpAsync()
    {
        var db = await TestDatabase.WithAccountsAsync();
        var teams = await new TeamQueries(db.Factory).ListAsync(1);
        return (db, new RosterCommands(db.Factory, db.Clock), teams.Single(t => t.Name == "金姐姐").Id, teams.Single(t => t.Name == "银辉先锋").Id);
    }

    private static async Task<(int Members, int Memberships, int Audits)> CountsAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Member;"),
                await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Membership;"),
                await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action NOT LIKE 'User.%';"));
    }

    private static AddMemberRequest NewResident(TestDatabase db, string name, string? phone = null) =>
        new() { Name = name, Phone = phone, GridId = 1, Role = RosterRole.Member, JoinedOn = db.Clock.Today };

    [Fact]
    public async Task AddNewResident_WritesTheMembershipAnAuditRowAndBumpsTheRosterVersion()
    {
        var (db, roster, jin, _) = await SetUpAsync();
        await using var _ = db;
        var lead = await db.ActorAsync("jinjiejie");

        var result = await roster.AddMemberAsync(lead, jin, NewResident(db, "  林小梅 ", "+86 139-0000-1111"));

        Assert.True(result.Ok, result.Error);
        await using var conn = await db.Factory.OpenAsync();
        var row = await conn.QuerySingleAsync<(string Name, string Phone, string Role)>("""
            SELECT m.Name, m.Phone, ms.Role FROM Membership ms JOIN Member m ON m.Id = ms.MemberId WHERE ms.Id = @Id;
            """, new { result.Id });
        Assert.Equal(("林小梅", "13900001111", "Member"), row);
        var audit = await conn.QuerySingleAsync<(string UserName, string Action, string After)>(
            "SELECT UserName, Action, AfterJson FROM AuditLog WHERE EntityType = 'Membership' AND EntityId = @Id;", new { Id = result.Id.ToString() });
        Assert.Equal("jinjiejie", audit.UserName);
        Assert.Equal("Roster.AddMember", audit.Action);
        Assert.Contains("\"Role\":\"Member\"", audit.After);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT Version FROM ChangeVersion WHERE Area = 'Roster';"));
    }

    [Theory]
    [InlineData("", null, "请填写姓名")]
    [InlineData("   ", null, "请填写姓名")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一", null, "不能超过 20 字")]
    [InlineData("张\u0007三", null, "控制字符")]
    [InlineData("张三", "12345", "11 位")]
    [InlineData("张三", "1381234567", "11 位")]
    [InlineData("张三", "23812345678", "11 位")]
    [InlineData("张三", "+85 13812345678", "11 位")]
    public async Task BadNameOrPhone_IsRefusedInChineseAndWritesNothing(string name, string? phone, string message)
    {
        var (db, roster, jin, _) = await SetUpAsync();
        await using var _ = db;
        var before = await CountsAsync(db);

        var result = await roster.AddMemberAsync(await db.ActorAsync("shuji"), jin, NewResident(db, name, phone));

        Assert.False(result.Ok);
        Assert.Contains(message, result.Error);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Fact]
    public async Task DuplicateResident_IsWarnedAboutFirst_ThenAddedOnlyWhenConfirmed()
    {
        var (db, roster, jin, yin) = await SetUpAsync();
        await using var _ = db;
        var shuji = await db.ActorAsync("shuji");
        var first = await roster.AddMemberAsync(shuji, yin, NewResident(db, "周小红", "13700000001"));
        var before = await CountsAsync(db);

        var warned = await roster.AddMemberAsync(shuji, jin, NewResident(db, "周小红", "13700000001"));
        var afterWarning = await CountsAsync(db);
        var confirmed = await roster.AddMemberAsync(shuji, jin, NewResident(db, "周小红", "13700000001") with { ConfirmDuplicate = true });

        Assert.True(first.Ok);
        Assert.False(warned.Ok);
        Assert.Contains("同名同号", warned.Warning);
        Assert.NotNull(warned.Id);
        Assert.Equal(before, afterWarning);
        Assert.True(confirmed.Ok);
    }

    [Fact]
    public async Task ATeamKeepsExactlyOneLead()
    {
        var (db, roster, jin, _) = await SetUpAsync();
        await using var _ = db;
        var lead = await db.ActorAsync("jinjiejie");
        var detail = (await new TeamQueries(db.Factory).DetailAsync(jin))!;
        var currentLead = detail.Roster.Single(r => r.Role == RosterRole.Lead);
        var member = detail.Roster.First(r => r.Role == RosterRole.Member);

        var secondLead = await roster.AddMemberAsync(lead, jin, NewResident(db, "王新队") with { Role = RosterRole.Lead });
        var demoteLead = await roster.ChangeRoleAsync(lead, currentLead.MembershipId, RosterRole.Member, currentLead.MembershipVersion);
        var leadLeaves = await roster.RecordLeaveAsync(lead, currentLead.MembershipId, db.Clock.Today, "搬家", currentLead.MembershipVersion);
        var promote = await roster.ChangeRoleAsync(lead, member.MembershipId, RosterRole.Lead, member.MembershipVersion);

        Assert.Contains("已有队长", secondLead.Error);
        Assert.Contains("必须保留一名队长", demoteLead.Error);
        Assert.Contains("先把另一位成员设为队长", leadLeaves.Error);
        Assert.True(promote.Ok, promote.Error);
        var after = (await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster;
        Assert.Equal(member.MemberId, after.Single(r => r.Role == RosterRole.Lead).MemberId);
        Assert.Equal(RosterRole.Deputy, after.Single(r => r.MemberId == currentLead.MemberId).Role);
    }

    [Fact]
    public async Task Leaving_KeepsHistory_AndTheDateRulesHold()
    {
        var (db, roster, jin, _) = await SetUpAsync();
        await using var _ = db;
        var lead = await db.ActorAsync("jinjiejie");
        var member = (await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster.Last();

        var beforeJoin = await roster.RecordLeaveAsync(lead, member.MembershipId, member.JoinedOn.AddDays(-1), "搬家", member.MembershipVersion);
        var future = await roster.RecordLeaveAsync(lead, member.MembershipId, db.Clock.Today.AddDays(1), "搬家", member.MembershipVersion);
        var noReason = await roster.RecordLeaveAsync(lead, member.MembershipId, db.Clock.Today, "  ", member.MembershipVersion);
        var ok = await roster.RecordLeaveAsync(lead, member.MembershipId, member.JoinedOn, "工作调动", member.MembershipVersion);

        Assert.Contains("不能早于入队日期", beforeJoin.Error);
        Assert.Contains("不能晚于今天", future.Error);
        Assert.Contains("请填写离队原因", noReason.Error);
        Assert.True(ok.Ok, ok.Error);
        var history = await new TeamQueries(db.Factory).HistoryAsync(jin);
        var left = history.Single(h => h.MembershipId == member.MembershipId);
        Assert.Equal(member.JoinedOn, left.LeftOn);
        Assert.Equal("工作调动", left.LeaveReason);
        Assert.DoesNotContain((await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster, r => r.MembershipId == member.MembershipId);
    }

    [Fact]
    public async Task StaleSave_IsRefusedAndTheOtherEditStands()
    {
        var (db, roster, jin, _) = await SetUpAsync();
        await using var _ = db;
        var lead = await db.ActorAsync("jinjiejie");
        var shuji = await db.ActorAsync("shuji");
        var seen = (await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster[5];

        var first = await roster.EditContactAsync(shuji, jin, seen.MemberId, "书记改的名", "13711112222", seen.MemberVersion);
        var stale = await roster.EditContactAsync(lead, jin, seen.MemberId, "队长改的名", "13733334444", seen.MemberVersion);
        var staleRole = await roster.ChangeRoleAsync(lead, seen.MembershipId, RosterRole.Deputy, seen.MembershipVersion - 1);

        Assert.True(first.Ok, first.Error);
        Assert.True(stale.Conflict);
        Assert.Contains("已被他人修改", stale.Error);
        Assert.True(staleRole.Conflict);
        var now = (await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster.Single(r => r.MemberId == seen.MemberId);
        Assert.Equal("书记改的名", now.Name);
        Assert.Equal("13711112222", now.Phone);
        Assert.Equal(seen.Role, now.Role);

        // Reapplying against the version now shown succeeds.
        var reapplied = await roster.EditContactAsync(lead, jin, seen.MemberId, "队长改的名", "13733334444", now.MemberVersion);
        Assert.True(reapplied.Ok, reapplied.Error);
    }

    [Fact]
    public async Task ForgedIds_AreRefusedAndTheRefusalIsAudited()
    {
        var (db, roster, jin, yin) = await SetUpAsync();
        await using var _ = db;
        var leadA = await db.ActorAsync("jinjiejie");
        var yinRoster = (await new TeamQueries(db.Factory).DetailAsync(yin))!.Roster;
        var jinMembers = (await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster.Select(r => r.MemberId).ToHashSet();
        var onlyYin = yinRoster.First(r => !jinMembers.Contains(r.MemberId));
        int otherCommunityMember, otherGrid;
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("INSERT INTO Community (SubDistrictId, Name) VALUES (1, '另一个社区');");
            otherGrid = await conn.ExecuteScalarAsync<int>("INSERT INTO Grid (CommunityId, Name, SortOrder) VALUES ((SELECT MAX(Id) FROM Community), '外网格', 1); SELECT last_insert_rowid();");
            otherCommunityMember = await conn.ExecuteScalarAsync<int>("INSERT INTO Member (GridId, Name, CreatedAt) VALUES (@otherGrid, '外社区居民', '2026-01-01 00:00:00'); SELECT last_insert_rowid();", new { otherGrid });
        }
        var before = await CountsAsync(db);

        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.AddMemberAsync(leadA, yin, NewResident(db, "冒名")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.ChangeRoleAsync(leadA, onlyYin.MembershipId, RosterRole.Deputy, onlyYin.MembershipVersion));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.RecordLeaveAsync(leadA, onlyYin.MembershipId, db.Clock.Today, "x", onlyYin.MembershipVersion));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.EditContactAsync(leadA, jin, onlyYin.MemberId, "改名", null, onlyYin.MemberVersion));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.AddMemberAsync(leadA, jin, new AddMemberRequest { ExistingMemberId = otherCommunityMember, JoinedOn = db.Clock.Today }));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.AddMemberAsync(leadA, jin, NewResident(db, "外网格人") with { GridId = otherGrid }));
        var official = await db.ActorAsync("jiedao");
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.AddMemberAsync(official, jin, NewResident(db, "干部代加")));

        var after = await CountsAsync(db);
        Assert.Equal(before.Members, after.Members);
        Assert.Equal(before.Memberships, after.Memberships);
        await using var check = await db.Factory.OpenAsync();
        Assert.Equal(7, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action LIKE 'Denied:%';"));
        Assert.Equal(6, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action LIKE 'Denied:%' AND UserName = 'jinjiejie';"));
    }

    [Fact]
    public async Task UnknownIds_AreRefusedWithAClearMessage_AndTheRefusalIsAudited()
    {
        var (db, roster, jin, _) = await SetUpAsync();
        await using var _ = db;
        var shuji = await db.ActorAsync("shuji");
        const int missing = 999_999;
        var before = await CountsAsync(db);

        var cases = new (string Action, string Message, Func<Task<CommandResult>> Call)[]
        {
            ("Roster.AddMember", "找不到这支队伍。", () => roster.AddMemberAsync(shuji, missing, NewResident(db, "无队可入"))),
            ("Roster.AddMember", "找不到这位居民。", () => roster.AddMemberAsync(shuji, jin, new AddMemberRequest { ExistingMemberId = missing, JoinedOn = db.Clock.Today })),
            ("Roster.AddMember", "找不到这个网格。", () => roster.AddMemberAsync(shuji, jin, NewResident(db, "无网格") with { GridId = missing })),
            ("Roster.ChangeRole", "找不到这条花名册记录。", () => roster.ChangeRoleAsync(shuji, missing, RosterRole.Deputy, 0)),
            ("Roster.RecordLeave", "找不到这条花名册记录。", () => roster.RecordLeaveAsync(shuji, missing, db.Clock.Today, "离开", 0)),
            ("Member.EditContact", "找不到这位居民。", () => roster.EditContactAsync(shuji, jin, missing, "改名", null, 0)),
        };
        foreach (var (action, message, call) in cases)
        {
            var refusal = await Assert.ThrowsAsync<AccessDeniedException>(call);
            Assert.Equal(message, refusal.Message);
        }

        var after = await CountsAsync(db);
        Assert.Equal(before.Members, after.Members);
        Assert.Equal(before.Memberships, after.Memberships);
        await using var check = await db.Factory.OpenAsync();
        foreach (var action in cases.Select(c => c.Action).Distinct())
        {
            Assert.Equal(cases.Count(c => c.Action == action),
                await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = @Action AND UserName = 'shuji';", new { Action = "Denied:" + action }));
        }
    }
}

