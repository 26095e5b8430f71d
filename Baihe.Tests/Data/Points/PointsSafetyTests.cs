using System.Text.RegularExpressions;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Points;

/// <summary>
/// The points commands under races that only SQLite serialises, and at the door: broken text, clamped numbers and
/// impossible dates are refused with a Chinese message and write nothing. On SQLite a race is played out by a
/// temporary trigger that does, at the worst moment, what another user's committed write would do on SQL Server.
/// </summary>
public class PointsSafetyTests
{
    private static Task<int> FreshMemberAsync(TestDatabase db, int balance) => db.FreshMemberAsync("安全测试", balance);

    private static async Task<int> ScalarAsync(TestDatabase db, string sql, object? args = null)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>(sql, args);
    }

    private static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var conn = await db.Factory.OpenAsync();
        await conn.ExecuteAsync(sql);
    }

    private static Task<int> BalanceAsync(TestDatabase db, int memberId) =>
        ScalarAsync(db, "SELECT COALESCE(SUM(Points), 0) FROM PointEntry WHERE MemberId = @memberId;", new { memberId });

    private static Task<int> RewardAsync(TestDatabase db, string name) =>
        ScalarAsync(db, "SELECT Id FROM Reward WHERE Name = @name;", new { name });

    private static async Task<(int Entries, int Redemptions, int Activities, int Rewards, int Attendance, int Audits)> CountsAsync(TestDatabase db) =>
        (await ScalarAsync(db, "SELECT COUNT(*) FROM PointEntry;"),
         await ScalarAsync(db, "SELECT COUNT(*) FROM Redemption;"),
         await ScalarAsync(db, "SELECT COUNT(*) FROM Activity;"),
         await ScalarAsync(db, "SELECT COUNT(*) FROM Reward;"),
         await ScalarAsync(db, "SELECT COUNT(*) FROM Attendance;"),
         await ScalarAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action NOT LIKE 'User.%';"));

    [Fact]
    public void OnlyTheLockedHelper_ReadsABalanceForAWrite()
    {
        var data = Repo.PathOf("Baihe.Data");
        var commands = Directory.GetFiles(data, "*Commands.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(commands);

        var offenders = commands
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"SUM\s*\(\s*Points\s*\)|\bBalanceSql\b", RegexOptions.IgnoreCase))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(offenders);
        var helper = File.ReadAllText(Path.Combine(data, "Points", "Balances.cs"));
        Assert.Contains("UPDLOCK, HOLDLOCK", helper);
        Assert.Contains("SUM(Points)", helper);
        Assert.True(helper.IndexOf("await LockAsync(w, memberId);", StringComparison.Ordinal) < helper.IndexOf("BalanceSql, new", StringComparison.Ordinal),
            "the member lock must be taken before the balance is read");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CorrectionsAndRedemptionsAtOnce_NeverTakeTheBalanceBelowZero(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var shuji = await db.ActorAsync("shuji");
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        var member = await FreshMemberAsync(db, 0);
        var entries = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            entries.Add((await ledger.RecordServiceAsync(shuji, member, 1, db.Clock.Today, $"服务{i}")).Id!.Value);
        }
        var haircut = await RewardAsync(db, "理发"); // 5 points

        var corrections = entries.Select(e => Task.Run(() => ledger.CorrectAsync(shuji, e, "记错了")));
        var redemptions = Enumerable.Range(0, 10).Select(i => Task.Run(() => exchange.RedeemAsync(shuji, member, haircut, $"race-{i}")));
        var results = await Task.WhenAll(corrections.Concat(redemptions));

        Assert.All(results, r => Assert.True(r.Ok || r.Error!.Contains("积分不足") || r.Error.Contains("余额将为负"), r.Error));
        Assert.True(await BalanceAsync(db, member) >= 0);
    }

    [Fact]
    public async Task ACorrectionOfAnEntryReversedMeanwhile_GetsTheAlreadyReversedMessage()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var member = await FreshMemberAsync(db, 10);
        var entry = (await ledger.RecordServiceAsync(shuji, member, 2, db.Clock.Today, "误记")).Id!.Value;
        // Another secretary's reversal lands between this command's "reversed already?" check and its insert.
        await ExecuteAsync(db, """
            CREATE TRIGGER RaceReversal BEFORE INSERT ON PointEntry WHEN NEW.Source = 'Correction' AND NEW.Note <> 'race'
            BEGIN
                INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, ReversesEntryId, RecordedAt, Note)
                VALUES (NEW.MemberId, NEW.CategoryId, NEW.Points, NEW.OccurredOn, 'Correction', NEW.ReversesEntryId, NEW.RecordedAt, 'race');
            END;
            """);
        var before = await CountsAsync(db);

        var result = await ledger.CorrectAsync(shuji, entry, "记错了人");

        Assert.False(result.Ok);
        Assert.Equal("这条记录已经冲正过。", result.Error);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Fact]
    public async Task ARedemptionWhoseKeyWasTakenMeanwhile_IsRefusedWithTheKeyMessage()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var member = await FreshMemberAsync(db, 50);
        var other = await FreshMemberAsync(db, 50);
        // A redemption for another resident with the same key commits after this one looked the key up.
        await ExecuteAsync(db, $"""
            CREATE TRIGGER RaceKey BEFORE INSERT ON Redemption WHEN NEW.MemberId = {member}
            BEGIN
                INSERT INTO Redemption (MemberId, RewardId, Points, IdempotencyKey, Status, RequestedAt)
                VALUES ({other}, NEW.RewardId, NEW.Points, NEW.IdempotencyKey, 'Pending', NEW.RequestedAt);
            END;
            """);
        var before = await CountsAsync(db);

        var result = await new ExchangeCommands(db.Factory, db.Clock).RedeemAsync(shuji, member, await RewardAsync(db, "理发"), "shared-key");

        Assert.False(result.Ok);
        Assert.Equal("兑换请求无效，请刷新页面后重试。", result.Error);
        Assert.Equal(before, await CountsAsync(db));
        Assert.Equal(50, await BalanceAsync(db, member));
    }

    [Fact]
    public async Task ARewardNameTakenMeanwhile_IsRefusedWithTheNameMessage()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        await ExecuteAsync(db, """
            CREATE TRIGGER RaceRewardName BEFORE INSERT ON Reward WHEN NEW.Description IS NULL OR NEW.Description <> 'race'
            BEGIN
                INSERT INTO Reward (CommunityId, Name, PointCost, IsActive, Description) VALUES (NEW.CommunityId, NEW.Name, 1, 1, 'race');
            END;
            """);
        var before = await CountsAsync(db);

        var result = await new ExchangeCommands(db.Factory, db.Clock).SaveRewardAsync(shuji, 1, null, "磨刀", 3, true, null, 0);

        Assert.False(result.Ok);
        Assert.Equal("已有名为“磨刀”的兑换项目。", result.Error);
        Assert.Equal(before, await CountsAsync(db));
    }

    private static async Task<(EvaluationCommands Commands, Actor Shuji, int Id, IReadOnlyList<EvaluationResultRow> Results)> DraftEvaluationAsync(TestDatabase db)
    {
        var shuji = await db.ActorAsync("shuji");
        var evaluations = new EvaluationCommands(db.Factory, db.Clock);
        var today = db.Clock.Today;
        var id = (await evaluations.CreateAsync(shuji, 1, today.Year, Period.HalfOf(today), null, 5)).Id!.Value;
        var (_, results) = (await new EvaluationQueries(db.Factory).DetailAsync(id))!.Value;
        return (evaluations, shuji, id, results);
    }

    [Fact]
    public async Task WinnersDoNotChange_WhenThePublicityCommittedAfterTheStatusWasRead()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (evaluations, shuji, id, results) = await DraftEvaluationAsync(db);
        Assert.True((await evaluations.SetWinnerAsync(shuji, id, results[0].MemberId, true)).Ok);
        // Publicity commits between this command's status read and its write (the conditional write sees it and
        // changes no row).
        await ExecuteAsync(db, $"""
            CREATE TRIGGER RacePublicity BEFORE UPDATE OF IsWinner ON EvaluationResult
            BEGIN
                UPDATE Evaluation SET Status = 'Publicised', PublicityEndsOn = '2099-01-01' WHERE Id = NEW.EvaluationId;
                SELECT RAISE(IGNORE);
            END;
            """);
        var before = await CountsAsync(db);

        var result = await evaluations.SetWinnerAsync(shuji, id, results[1].MemberId, true);

        Assert.False(result.Ok);
        Assert.Equal("评选已公示或归档，结果不能再改。", result.Error);
        Assert.Equal(before, await CountsAsync(db));
        var (_, after) = (await new EvaluationQueries(db.Factory).DetailAsync(id))!.Value;
        Assert.Equal([results[0].MemberId], after.Where(r => r.IsWinner).Select(r => r.MemberId));
    }

    [Fact]
    public async Task APublicityOrArchiveThatChangesNoRow_IsRefusedAndAuditsNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (evaluations, shuji, id, results) = await DraftEvaluationAsync(db);
        Assert.True((await evaluations.SetWinnerAsync(shuji, id, results[0].MemberId, true)).Ok);
        // Another secretary's change of status commits first: the status-conditional UPDATE finds nothing to change.
        await ExecuteAsync(db, "CREATE TRIGGER RaceStatus BEFORE UPDATE OF Status ON Evaluation BEGIN SELECT RAISE(IGNORE); END;");
        var before = await CountsAsync(db);

        var publicised = await evaluations.PubliciseAsync(shuji, id, db.Clock.Today.AddDays(7));

        Assert.False(publicised.Ok);
        Assert.Contains("请刷新", publicised.Error);
        Assert.Equal(before, await CountsAsync(db));
        Assert.Equal(0, await ScalarAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Evaluation.Publicise';"));
    }

    private static async Task<(ActivityCommands Commands, Actor Lead, int Id, List<int> Roster)> OpenActivityAsync(TestDatabase db)
    {
        var lead = await db.ActorAsync("jinjiejie");
        var activities = new ActivityCommands(db.Factory, db.Clock);
        var roster = (await new TeamQueries(db.Factory).DetailAsync(lead.TeamId!.Value))!.Roster.Select(r => r.MemberId).Take(4).ToList();
        var id = (await activities.CreateAsync(lead, new ActivityInput(lead.TeamId!.Value, 2, "亲子共读", "社区书屋", db.Clock.Today, 3))).Id!.Value;
        Assert.True((await activities.SaveAttendanceAsync(lead, id, roster.Take(2).ToList())).Ok);
        return (activities, lead, id, roster);
    }

    [Fact]
    public async Task AttendanceDoesNotChange_AfterACloseThatCommittedMeanwhile()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (activities, lead, id, roster) = await OpenActivityAsync(db);
        // The close (which credits the list it saw) commits right after this command read the event as open.
        await ExecuteAsync(db, """
            CREATE TRIGGER RaceClose BEFORE INSERT ON Attendance
            BEGIN
                UPDATE Activity SET Status = 'Closed', ClosedAt = '2026-01-01 00:00:00' WHERE Id = NEW.ActivityId AND Status = 'Open';
            END;
            """);
        var before = await CountsAsync(db);

        var result = await activities.SaveAttendanceAsync(lead, id, roster);

        Assert.False(result.Ok);
        Assert.Equal("活动已结束并记分，出席名单不能再改。", result.Error);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Fact]
    public async Task Closing_CreditsExactlyTheAttendanceThatStays_EvenWhenItChangedAfterTheFirstRead()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (activities, lead, id, roster) = await OpenActivityAsync(db);
        // An attendance save commits between the close's first read and its status change.
        await ExecuteAsync(db, $"""
            CREATE TRIGGER RaceAttendance BEFORE UPDATE OF Status ON Activity WHEN NEW.Status = 'Closed'
            BEGIN
                INSERT INTO Attendance (ActivityId, MemberId, IsWalkIn) VALUES (NEW.Id, {roster[3]}, 0);
            END;
            """);

        var result = await activities.CloseAsync(lead, id);

        Assert.True(result.Ok, result.Error);
        var attended = await ScalarAsync(db, "SELECT COUNT(*) FROM Attendance WHERE ActivityId = @id;", new { id });
        Assert.Equal(3, attended);
        Assert.Equal(attended, await ScalarAsync(db, "SELECT COUNT(*) FROM PointEntry WHERE ActivityId = @id;", new { id }));
    }

    [Fact]
    public async Task BrokenOrInvisibleText_IsRefusedInChinese_AndNothingIsWritten()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var member = await FreshMemberAsync(db, 10);
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        var activities = new ActivityCommands(db.Factory, db.Clock);
        var entry = (await ledger.RecordServiceAsync(shuji, member, 1, db.Clock.Today, null)).Id!.Value;
        var before = await CountsAsync(db);

        var results = new[]
        {
            await ledger.RecordServiceAsync(shuji, member, 1, db.Clock.Today, "楼栋\uFFFF议事"),
            await ledger.CorrectAsync(shuji, entry, "记错\uD800了"),
            await exchange.SaveRewardAsync(shuji, 1, null, "磨\uFFFE刀", 3, true, null, 0),
            await exchange.SaveRewardAsync(shuji, 1, null, "磨刀", 3, true, "说明\uFDD0", 0),
            await activities.CreateAsync(shuji, new ActivityInput(1, 2, "讲\uFFFF座", "社区", db.Clock.Today, 2)),
            await activities.CreateAsync(shuji, new ActivityInput(1, 2, "讲座", "社区\u0000", db.Clock.Today, 2)),
        };

        Assert.All(results, r =>
        {
            Assert.False(r.Ok);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", r.Error);
        });
        Assert.Contains("无法保存的字符", results[0].Error);
        Assert.Contains("控制字符", results[5].Error);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(0)]
    [InlineData(21)]
    public async Task PointsPerAttendeeOutsideTheRange_AreRefused_NeverRaisedOrCut(int points)
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var before = await CountsAsync(db);

        var result = await new ActivityCommands(db.Factory, db.Clock).CreateAsync(shuji, new ActivityInput(1, 2, "讲座", "社区", db.Clock.Today, points));

        Assert.Contains("1 到 20", result.Error);
        Assert.Equal(before, await CountsAsync(db));
    }

    /// <summary>
    /// A browser's maxlength cuts pasted text without a word, and a numeric field's Min turned −5 points into 1: the
    /// points, deliberation and roster forms show limits with a counter instead, and the command refuses.
    /// </summary>
    [Fact]
    public void PointsDeliberationAndRosterForms_ShowLimits_ButNeverCutOrClampWhatTheUserTyped()
    {
        var components = Repo.PathOf("Baihe.Dashboard", "Components");
        var pages = new[] { "Points", "Deliberations" }
            .SelectMany(area => Directory.GetFiles(Path.Combine(components, "Pages", area), "*.razor"))
            .Concat([Path.Combine(components, "Shared", "AddMemberForm.razor"), Path.Combine(components, "Shared", "RosterMemberEditor.razor")])
            .ToList();
        Assert.True(pages.Count >= 8);

        var offending = pages
            .SelectMany(page => Regex.Matches(File.ReadAllText(page), @"<(MudTextField|MudNumericField|MudDatePicker)[^>]*\b(MaxLength|Min|Max)=""[^""]*""")
                .Select(m => $"{Path.GetFileName(page)}: {m.Groups[2].Value} on {m.Groups[1].Value}"))
            .Concat(pages.Where(p => Regex.IsMatch(File.ReadAllText(p), @"Math\.(Max|Min|Clamp)\(")).Select(p => $"{Path.GetFileName(p)}: Math clamp"))
            // A cleared date picker must be asked for again, not quietly become today.
            .Concat(pages.Where(p => Regex.IsMatch(File.ReadAllText(p), @"\?\? *(Clock\.)?Today\b")).Select(p => $"{Path.GetFileName(p)}: empty date becomes today"))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public async Task ImpossibleDates_AreRefusedInChinese_AndNothingIsWritten()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (evaluations, shuji, id, results) = await DraftEvaluationAsync(db);
        Assert.True((await evaluations.SetWinnerAsync(shuji, id, results[0].MemberId, true)).Ok);
        var member = await FreshMemberAsync(db, 0);
        var before = await CountsAsync(db);

        var ancientService = await new LedgerCommands(db.Factory, db.Clock).RecordServiceAsync(shuji, member, 1, new DateTime(1, 1, 1), null);
        var ancientEvent = await new ActivityCommands(db.Factory, db.Clock).CreateAsync(shuji, new ActivityInput(1, 2, "讲座", "社区", new DateTime(1999, 12, 31), 2));
        var farPublicity = await evaluations.PubliciseAsync(shuji, id, db.Clock.Today.AddYears(80));

        Assert.False(ancientService.Ok);
        Assert.False(ancientEvent.Ok);
        Assert.False(farPublicity.Ok);
        Assert.Contains("公示截止日期不能晚于", farPublicity.Error);
        Assert.Equal(before, await CountsAsync(db));
        Assert.Equal(EvaluationStatus.Draft, (await new EvaluationQueries(db.Factory).DetailAsync(id))!.Value.Evaluation.Status);
    }
}
