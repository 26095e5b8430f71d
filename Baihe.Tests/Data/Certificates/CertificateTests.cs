using Baihe.Data.Accounts;
using Baihe.Data.Certificates;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Certificates;

/// <summary>Service hours, 志愿服务证明 and their register, on a real database file (and SQL Server when configured).</summary>
public class CertificateTests
{
    [Fact]
    public async Task AdjustedHours_OutsideZeroToTheActivityLength_AreRefused_AndInsideAreStored()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var activities = new ActivityCommands(db.Factory, db.Clock);
        var team = await TeamAsync(db, "金姐姐");
        var member = await db.FreshMemberAsync("时长测试", 0);
        var id = (await activities.CreateAsync(shuji, new ActivityInput(team, 3, "时长边界", "社区", db.Clock.Today, 1)
        {
            StartMinute = 9 * 60, EndMinute = 11 * 60,
        })).Id!.Value;

        var tooMany = await activities.SaveAttendanceAsync(shuji, id, [member], new Dictionary<int, decimal> { [member] = 2.5m });
        var negative = await activities.SaveAttendanceAsync(shuji, id, [member], new Dictionary<int, decimal> { [member] = -0.5m });
        Assert.Contains("0 到 2 小时", tooMany.Error);
        Assert.Contains("0 到 2 小时", negative.Error);
        Assert.Equal(0, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM Attendance WHERE ActivityId = @id;", new { id }));

        Assert.True((await activities.SaveAttendanceAsync(shuji, id, [member], new Dictionary<int, decimal> { [member] = 1.5m })).Ok);
        Assert.Equal(90, await ScalarAsync<int?>(db, "SELECT ServiceMinutes FROM Attendance WHERE ActivityId = @id;", new { id }));
        Assert.True((await activities.SaveAttendanceAsync(shuji, id, [member], new Dictionary<int, decimal> { [member] = 0m })).Ok);
        Assert.Equal(0, await ScalarAsync<int?>(db, "SELECT ServiceMinutes FROM Attendance WHERE ActivityId = @id;", new { id }));
        // The whole activity is the default, stored as "not adjusted".
        Assert.True((await activities.SaveAttendanceAsync(shuji, id, [member], new Dictionary<int, decimal> { [member] = 2m })).Ok);
        Assert.Null(await ScalarAsync<int?>(db, "SELECT ServiceMinutes FROM Attendance WHERE ActivityId = @id;", new { id }));
    }

    [Fact]
    public async Task ActivityTimes_EndingBeforeTheyStart_AreRefused()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var result = await new ActivityCommands(db.Factory, db.Clock).CreateAsync(shuji,
            new ActivityInput(await TeamAsync(db, "金姐姐"), 3, "倒着的时间", "社区", db.Clock.Today, 1) { StartMinute = 600, EndMinute = 540 });

        Assert.Contains("结束时间应晚于开始时间", result.Error);
    }

    [Fact]
    public async Task Certificate_SumsOnlyClosedVolunteerServicesInThePeriod_WithAdjustedHours()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var today = db.Clock.Today;
        var member = await VolunteerAsync(db, shuji, "陈丽华测", "T-0001");
        var volunteerTeam = await TeamAsync(db, "金姐姐");
        var interestGroup = (await new TeamQueries(db.Factory).ListAsync(1)).First(t => t.Kind == "InterestGroup").Id;

        // Counted: 2 h in full, and 45 min of a 3 h event (left early).
        await ActivityAsync(db, shuji, volunteerTeam, "凉茶棚值守", today.AddDays(-20), 8 * 60, 10 * 60, member, null, close: true);
        await ActivityAsync(db, shuji, volunteerTeam, "入户慰问", today.AddDays(-10), 9 * 60, 12 * 60, member, 0.75m, close: true);
        // Not counted: an interest group's practice, an event not yet closed, and one before the period.
        await ActivityAsync(db, shuji, interestGroup, "合唱排练", today.AddDays(-9), 9 * 60, 11 * 60, member, null, close: true);
        await ActivityAsync(db, shuji, volunteerTeam, "未结束的活动", today.AddDays(-5), 9 * 60, 11 * 60, member, null, close: false);
        await ActivityAsync(db, shuji, volunteerTeam, "期前活动", today.AddDays(-40), 9 * 60, 11 * 60, member, null, close: true);

        var commands = new CertificateCommands(db.Factory, db.Clock);
        var issued = await commands.IssueAsync(shuji, Request(member, today.AddDays(-30), today));

        Assert.True(issued.Ok, issued.Error);
        var c = (await new CertificateQueries(db.Factory, db.Clock).OneAsync(issued.Id!.Value))!;
        Assert.Equal(165, c.ServiceMinutes);
        Assert.Equal("2.75", ServiceHours.Format(c.ServiceMinutes));
        Assert.Equal(2, c.ServiceCount);
        Assert.Contains("凉茶棚值守", c.Content);
        Assert.Contains("入户慰问", c.Content);
        Assert.DoesNotContain("合唱排练", c.Content);
        Assert.DoesNotContain("未结束", c.Content);
        Assert.DoesNotContain("期前活动", c.Content);
        Assert.Equal("陈丽华测", c.VolunteerName);
        Assert.Equal("4405**********1234", c.IdNumberMasked);
        Assert.Equal("T-0001", c.VolunteerNo);
        Assert.Equal($"百合园〔{today.Year}〕第0001号", c.Number);
        Assert.Equal("汕头市金平区金东街道百合园社区", c.Organisation);
        Assert.Equal(1, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Certificate.Issue' AND EntityId = @id;", new { id = issued.Id }));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.ProvidersWithSnapshot), MemberType = typeof(TestDatabase))]
    public async Task TenParallelIssues_TakeNumbersOneToTen_WithNoGapAndNoDuplicate(DatabaseProvider provider, bool readCommittedSnapshot)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider, readCommittedSnapshot);
        var shuji = await db.ActorAsync("shuji");
        var today = db.Clock.Today;
        var member = await VolunteerAsync(db, shuji, "编号测试", "T-0002");
        await ActivityAsync(db, shuji, await TeamAsync(db, "金姐姐"), "编号测试活动", today.AddDays(-3), 9 * 60, 11 * 60, member, null, close: true);

        // Ten issues at once, each its own command call and so its own connection and transaction.
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            new CertificateCommands(db.Factory, db.Clock).IssueAsync(shuji, Request(member, today.AddDays(-30), today)))));

        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        var seqs = (await QueryAsync<int>(db, "SELECT Seq FROM ServiceCertificate WHERE CommunityId = 1 AND Year = @Year ORDER BY Seq;", new { today.Year })).ToList();
        Assert.Equal(Enumerable.Range(1, 10), seqs);
        var numbers = await QueryAsync<string>(db, "SELECT Number FROM ServiceCertificate;");
        Assert.Equal(10, numbers.Distinct().Count());
        Assert.Contains($"百合园〔{today.Year}〕第0010号", numbers);
        Assert.Equal(11, await ScalarAsync<int>(db, "SELECT NextSeq FROM CertificateCounter WHERE CommunityId = 1 AND Year = @Year;", new { today.Year }));
        Assert.Equal(10, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Certificate.Issue';"));
    }

    [Fact]
    public async Task AFailedIssue_GivesItsNumberBack()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var today = db.Clock.Today;
        var member = await VolunteerAsync(db, shuji, "回滚测试", "T-0003");
        await ActivityAsync(db, shuji, await TeamAsync(db, "金姐姐"), "回滚测试活动", today.AddDays(-3), 9 * 60, 11 * 60, member, null, close: true);
        var commands = new CertificateCommands(db.Factory, db.Clock);

        var stale = await commands.IssueAsync(shuji, Request(member, today.AddDays(-30), today) with { ExpectedNumber = "百合园〔1999〕第0001号" });
        var next = await commands.NextNumberAsync(1, today.Year);
        var ok = await commands.IssueAsync(shuji, Request(member, today.AddDays(-30), today) with { ExpectedNumber = next });

        Assert.Contains("请重新确认", stale.Error);
        Assert.Equal($"百合园〔{today.Year}〕第0001号", next);
        Assert.True(ok.Ok, ok.Error);
    }

    [Fact]
    public async Task Void_NeedsAReason_KeepsTheRowMarkedVoided_AndNothingElseCanChangeIt()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var today = db.Clock.Today;
        var member = await VolunteerAsync(db, shuji, "作废测试", "T-0004");
        await ActivityAsync(db, shuji, await TeamAsync(db, "金姐姐"), "作废测试活动", today.AddDays(-3), 9 * 60, 11 * 60, member, null, close: true);
        var commands = new CertificateCommands(db.Factory, db.Clock);
        var id = (await commands.IssueAsync(shuji, Request(member, today.AddDays(-30), today))).Id!.Value;

        var noReason = await commands.VoidAsync(shuji, id, "  ");
        Assert.Contains("作废原因", noReason.Error);
        Assert.Equal(CertificateStatus.Issued, (await new CertificateQueries(db.Factory, db.Clock).OneAsync(id))!.Status);

        Assert.True((await commands.VoidAsync(shuji, id, "姓名有误，重新出具")).Ok);
        var twice = await commands.VoidAsync(shuji, id, "再作废一次");
        Assert.Contains("已作废", twice.Error);

        var c = (await new CertificateQueries(db.Factory, db.Clock).OneAsync(id))!;
        Assert.True(c.IsVoided);
        Assert.Equal("姓名有误，重新出具", c.VoidReason);
        Assert.Equal(1, (await new CertificateQueries(db.Factory, db.Clock).RegisterAsync(1, new CertificateFilter(Status: CertificateStatus.Voided))).Total);
        // The database itself refuses to change or delete a certificate, whatever the app does.
        await using var conn = await db.Factory.OpenAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => conn.ExecuteAsync("UPDATE ServiceCertificate SET ServiceMinutes = 9999 WHERE Id = @id;", new { id }));
        await Assert.ThrowsAnyAsync<Exception>(() => conn.ExecuteAsync("DELETE FROM ServiceCertificate WHERE Id = @id;", new { id }));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ServiceCertificate WHERE Id = @id AND ServiceMinutes = 120;", new { id }));
    }

    [Fact]
    public async Task Issue_ForAResidentOfAnotherCommunity_IsRefusedWithAMessage_AndAudited()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var foreign = await ScalarAsync<int>(db, "SELECT MIN(m.Id) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId <> 1;");
        var commands = new CertificateCommands(db.Factory, db.Clock);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.IssueAsync(shuji, Request(foreign, db.Clock.Today.AddDays(-30), db.Clock.Today)));
        var otherCommunity = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            commands.IssueAsync(shuji, Request(foreign, db.Clock.Today.AddDays(-30), db.Clock.Today) with { CommunityId = 2 }));
        var missing = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.VoidAsync(shuji, 987654, "无此证明"));

        Assert.Contains("不属于本社区", refused.Message);
        Assert.Equal(AccessDeniedException.DefaultMessage, otherCommunity.Message);
        Assert.Contains("找不到这份证明", missing.Message);
        Assert.Equal(2, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Certificate.Issue' AND UserName = 'shuji';"));
        Assert.Equal(1, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Certificate.Void';"));
        Assert.Equal(0, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM ServiceCertificate;"));
    }

    [Fact]
    public async Task IssuingWithoutIdOnFile_AsksForIt_AndTheNumberIsStoredOnlyMasked()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var member = await db.FreshMemberAsync("无证件", 0);
        var commands = new CertificateCommands(db.Factory, db.Clock);

        var withoutId = await commands.IssueAsync(shuji, Request(member, db.Clock.Today.AddDays(-30), db.Clock.Today));
        var badNumber = await commands.SetIdentityAsync(shuji, member, IdTypes.IdCard, "44051119900101123", "T-0005");
        var saved = await commands.SetIdentityAsync(shuji, member, IdTypes.IdCard, "44051119900101123x", "T-0005");

        Assert.Contains("请先登记无证件的证件类型", withoutId.Error);
        Assert.Contains("18 位", badNumber.Error);
        Assert.True(saved.Ok, saved.Error);
        Assert.Equal("4405**********123X", await ScalarAsync<string>(db, "SELECT IdNumberMasked FROM Member WHERE Id = @member;", new { member }));
        // Neither the row nor the audit trail holds the full number.
        Assert.Equal(0, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM AuditLog WHERE AfterJson LIKE '%19900101%' OR BeforeJson LIKE '%19900101%';"));
    }

    private static CertificateRequest Request(int member, DateTime from, DateTime to) =>
        new(1, member, from, to, "李书记", "王经办", "0754-88888888");

    private static async Task<int> VolunteerAsync(TestDatabase db, Actor shuji, string name, string volunteerNo)
    {
        var member = await db.FreshMemberAsync(name, 0);
        var r = await new CertificateCommands(db.Factory, db.Clock).SetIdentityAsync(shuji, member, IdTypes.IdCard, "440511199001011234", volunteerNo);
        Assert.True(r.Ok, r.Error);
        return member;
    }

    private static async Task<int> TeamAsync(TestDatabase db, string name) =>
        (await new TeamQueries(db.Factory).ListAsync(1)).Single(t => t.Name == name).Id;

    private static async Task ActivityAsync(TestDatabase db, Actor actor, int team, string title, DateTime heldOn, int start, int end,
        int member, decimal? hours, bool close)
    {
        var activities = new ActivityCommands(db.Factory, db.Clock);
        var created = await activities.CreateAsync(actor, new ActivityInput(team, 3, title, "社区", heldOn, 1) { StartMinute = start, EndMinute = end });
        Assert.True(created.Ok, created.Error);
        var id = created.Id!.Value;
        var adjusted = hours is { } h ? new Dictionary<int, decimal> { [member] = h } : null;
        Assert.True((await activities.SaveAttendanceAsync(actor, id, [member], adjusted)).Ok);
        if (close)
        {
            var closed = await activities.CloseAsync(actor, id);
            Assert.True(closed.Ok, closed.Error);
        }
    }

    private static async Task<T> ScalarAsync<T>(TestDatabase db, string sql, object? args = null)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(TestDatabase db, string sql, object? args = null)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.QueryAsync<T>(sql, args)).AsList();
    }
}
