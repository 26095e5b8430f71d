using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Points;

/// <summary>The points system on a real database: ledger, events, exchange and evaluations.</summary>
public class PointsTests
{
    private static Task<int> FreshMemberAsync(TestDatabase db, int balance) => db.FreshMemberAsync("积分测试", balance);

    private static async Task<int> BalanceAsync(TestDatabase db, int memberId)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT COALESCE(SUM(Points), 0) FROM PointEntry WHERE MemberId = @memberId;", new { memberId });
    }

    private static async Task<int> RewardAsync(TestDatabase db, string name)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT Id FROM Reward WHERE Name = @name;", new { name });
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FiftyParallelRedemptions_AgainstABalanceThatCoversThree_ExactlyThreeSucceed(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var cost = 10; // 家政
        var member = await FreshMemberAsync(db, 3 * cost + 4);
        var reward = await RewardAsync(db, "家政");
        var shuji = await db.ActorAsync("shuji");
        var exchange = new ExchangeCommands(db.Factory, db.Clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => exchange.RedeemAsync(shuji, member, reward, $"parallel-{i}"))));

        Assert.Equal(3, results.Count(r => r.Ok));
        Assert.All(results.Where(r => !r.Ok), r => Assert.Contains("积分不足", r.Error));
        Assert.Equal(4, await BalanceAsync(db, member));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption WHERE MemberId = @member;", new { member }));
        Assert.Equal(-3 * cost, await conn.ExecuteScalarAsync<int>("SELECT SUM(Points) FROM PointEntry WHERE MemberId = @member AND Source = 'Redemption';", new { member }));
    }

    [Fact]
    public async Task DoubleClick_WithTheSameKey_IsOneRedemption()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var member = await FreshMemberAsync(db, 50);
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        var shuji = await db.ActorAsync("shuji");
        var reward = await RewardAsync(db, "理发");

        var first = await exchange.RedeemAsync(shuji, member, reward, "same-click");
        var second = await exchange.RedeemAsync(shuji, member, reward, "same-click");

        Assert.True(first.Ok && second.Ok);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(45, await BalanceAsync(db, member));
    }

    [Fact]
    public async Task Redemption_IsFulfilledOnce()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var member = await FreshMemberAsync(db, 50);
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        var shuji = await db.ActorAsync("shuji");
        var id = (await exchange.RedeemAsync(shuji, member, await RewardAsync(db, "修锁"), "k1")).Id!.Value;

        var first = await exchange.FulfilAsync(shuji, id);
        var again = await exchange.FulfilAsync(shuji, id);

        Assert.True(first.Ok);
        Assert.Contains("已经兑现", again.Error);
        var row = (await new ExchangeQueries(db.Factory).RedemptionsAsync(1)).Single(r => r.Id == id);
        Assert.Equal("Fulfilled", row.Status);
        Assert.NotNull(row.FulfilledAt);
    }

    [Fact]
    public async Task BadInput_IsRefusedWithAClearMessageAndWritesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var member = await FreshMemberAsync(db, 50);
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        var activities = new ActivityCommands(db.Factory, db.Clock);
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("UPDATE Reward SET IsActive = 0 WHERE Name = '补鞋';");
        }
        var before = await CountAsync(db);

        var future = await ledger.RecordServiceAsync(shuji, member, 1, db.Clock.Today.AddDays(1), null);
        var unknownArea = await ledger.RecordServiceAsync(shuji, member, 9, db.Clock.Today, null);
        var inactive = await exchange.RedeemAsync(shuji, member, await RewardAsync(db, "补鞋"), "k-inactive");
        var zeroPoints = await activities.CreateAsync(shuji, new ActivityInput(1, 2, "讲座", "社区", db.Clock.Today, 0));
        var zeroCost = await exchange.SaveRewardAsync(shuji, 1, null, "免费奖品", 0, true, null, 0);
        var noTitle = await activities.CreateAsync(shuji, new ActivityInput(1, 2, "  ", "社区", db.Clock.Today, 2));

        Assert.Contains("不能晚于今天", future.Error);
        Assert.Contains("请选择服务板块", unknownArea.Error);
        Assert.Contains("已停用", inactive.Error);
        Assert.Contains("1 到 20", zeroPoints.Error);
        Assert.Contains("1 到 10000", zeroCost.Error);
        Assert.Contains("活动名称", noTitle.Error);
        Assert.Equal(before, await CountAsync(db));
    }

    [Fact]
    public async Task RecordedService_CarriesTheRuleItUsed_SoARuleChangeDoesNotRewriteHistory()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var member = await FreshMemberAsync(db, 0);
        var ledger = new LedgerCommands(db.Factory, db.Clock);

        var first = await ledger.RecordServiceAsync(shuji, member, 1, db.Clock.Today, "楼栋议事");
        await using (var conn = await db.Factory.OpenAsync())
        {
            // A new rule replaces the old one: later services earn 2, the earlier entry keeps its 1 and its rule.
            await conn.ExecuteAsync("UPDATE PointRule SET IsActive = 0 WHERE Code = 'PerService';");
            await conn.ExecuteAsync("UPDATE PointRule SET Code = 'PerService2024' WHERE Code = 'PerService';");
            await conn.ExecuteAsync("INSERT INTO PointRule (Code, Name, Points, IsActive) VALUES ('PerService', '一次两积分', 2, 1);");
        }
        var second = await ledger.RecordServiceAsync(shuji, member, 1, db.Clock.Today, "楼栋议事");

        await using var check = await db.Factory.OpenAsync();
        var rows = (await check.QueryAsync<(long Points, long RuleId)>("SELECT Points, RuleId FROM PointEntry WHERE MemberId = @member ORDER BY Id;", new { member })).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].Points);
        Assert.Equal(2, rows[1].Points);
        Assert.NotEqual(rows[0].RuleId, rows[1].RuleId);
        Assert.True(first.Ok && second.Ok);
    }

    [Fact]
    public async Task Correction_IsAReversingEntry_AndHappensOnce()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var member = await FreshMemberAsync(db, 0);
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var entry = (await ledger.RecordServiceAsync(shuji, member, 2, db.Clock.Today, "误记")).Id!.Value;

        var corrected = await ledger.CorrectAsync(shuji, entry, "记错了人");
        var twice = await ledger.CorrectAsync(shuji, entry, "再冲一次");

        Assert.True(corrected.Ok, corrected.Error);
        Assert.Contains("已经冲正过", twice.Error);
        Assert.Equal(0, await BalanceAsync(db, member));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE MemberId = @member;", new { member }));
    }

    [Fact]
    public async Task ClosingAnEvent_WritesOneEntryPerAttendee_AndClosingAgainWritesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var lead = await db.ActorAsync("jinjiejie");
        var teamId = lead.TeamId!.Value;
        var activities = new ActivityCommands(db.Factory, db.Clock);
        var roster = (await new TeamQueries(db.Factory).DetailAsync(teamId))!.Roster.Select(r => r.MemberId).Take(5).ToList();
        var walkIn = await FreshMemberAsync(db, 0);
        var id = (await activities.CreateAsync(lead, new ActivityInput(teamId, 2, "亲子共读", "社区书屋", db.Clock.Today, 3))).Id!.Value;
        await activities.SaveAttendanceAsync(lead, id, [.. roster, walkIn]);

        var first = await activities.CloseAsync(lead, id);
        var second = await activities.CloseAsync(lead, id);
        var change = await activities.SaveAttendanceAsync(lead, id, roster);

        Assert.True(first.Ok && second.Ok);
        Assert.Contains("不能再改", change.Error);
        var (activity, people) = (await new ActivityQueries(db.Factory).DetailAsync(id))!.Value;
        Assert.Equal("Closed", activity.Status);
        Assert.Equal(6, activity.Headcount);
        Assert.Equal(18, activity.TotalPoints);
        Assert.Contains(people, p => p.MemberId == walkIn && !p.OnRoster && p.Attended);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(6, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE ActivityId = @id;", new { id }));
        Assert.Equal(18, await conn.ExecuteScalarAsync<int>("SELECT SUM(Points) FROM PointEntry WHERE ActivityId = @id;", new { id }));
    }

    [Theory]
    [InlineData("2026-06-30T23:59:00", 1)]
    [InlineData("2026-07-01T00:00:00", 2)]
    [InlineData("2026-01-01T00:00:00", 1)]
    [InlineData("2026-12-31T23:59:59", 2)]
    public void HalfYears_SplitAtTheFirstOfJuly(string moment, int half)
    {
        var at = DateTime.Parse(moment, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(half, Period.HalfOf(at));
        Assert.True(Period.HalfYear(2026, half).Contains(at));
        Assert.False(Period.HalfYear(2026, 3 - half).Contains(at));
    }

    [Fact]
    public async Task Leaderboard_CountsServiceOnTheLastDayOfJuneInTheFirstHalf_AndShowsTies()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO SubDistrict (Name, District, City) VALUES ('街', '区', '市');
                INSERT INTO Community (SubDistrictId, Name) VALUES (1, '测试社区');
                INSERT INTO Grid (CommunityId, Name, SortOrder) VALUES (1, '网格', 1);
                INSERT INTO Member (GridId, Name, CreatedAt) VALUES (1, '甲', '2026-01-01'), (1, '乙', '2026-01-01'), (1, '丙', '2026-01-01'), (1, '丁', '2026-01-01');
                """);
            // 甲 and 乙 tie on 5 in the first half (乙's last point on 30 June); 丙 has 3; 丁 earned only on 1 July.
            // Redemptions never count as earnings.
            foreach (var (member, points, day, source) in new[]
            {
                (1, 5, "2026-03-01", "Service"), (2, 4, "2026-04-01", "Service"), (2, 1, "2026-06-30", "Service"),
                (3, 3, "2026-05-01", "Service"), (4, 9, "2026-07-01", "Service"), (3, -2, "2026-05-02", "Redemption"),
            })
            {
                await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@member, 1, @points, @day, @source, @day);",
                    new { member, points, day = DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture), source });
            }
        }
        await db.RecountSummariesAsync();
        var queries = new PointsQueries(db.Factory);

        var first = await queries.LeaderboardAsync(1, Period.HalfYear(2026, 1), null);
        var second = await queries.LeaderboardAsync(1, Period.HalfYear(2026, 2), null);

        // Tied residents share rank 1 and the next rank is 3 (1, 1, 3); their order among themselves is by name.
        Assert.Equal([("丙", 3, 3), ("乙", 1, 5), ("甲", 1, 5)], first.Select(r => (r.Name, r.Rank, r.Points)).OrderBy(r => r.Name, StringComparer.Ordinal));
        Assert.Equal([1, 1, 3], first.Select(r => r.Rank));
        Assert.Equal([("丁", 1, 9)], second.Select(r => (r.Name, r.Rank, r.Points)));
    }

    [Fact]
    public async Task Evaluation_KeepsTiesAtTheCut_AndAnArchivedResultNeverChanges()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var evaluations = new EvaluationCommands(db.Factory, db.Clock);
        var today = db.Clock.Today;
        var half = Period.HalfOf(today);
        var ranking = await new PointsQueries(db.Factory).LeaderboardAsync(1, Period.HalfYear(today.Year, half), null);

        var id = (await evaluations.CreateAsync(shuji, 1, today.Year, half, null, 5)).Id!.Value;
        var (_, results) = (await new EvaluationQueries(db.Factory).DetailAsync(id))!.Value;
        Assert.Equal(ranking.Count(r => r.Rank <= 5), results.Count);
        Assert.True(results.Count >= 5);

        var winner = results[0].MemberId;
        Assert.True((await evaluations.SetWinnerAsync(shuji, id, winner, true)).Ok);
        Assert.Contains("早于今天", (await evaluations.PubliciseAsync(shuji, id, today.AddDays(-1))).Error);
        Assert.True((await evaluations.PubliciseAsync(shuji, id, today)).Ok);
        Assert.Contains("期满后", (await evaluations.ArchiveAsync(shuji, id)).Error);

        var later = new TestClock(db, today.AddDays(1));
        Assert.True((await new EvaluationCommands(db.Factory, later.Clock).ArchiveAsync(shuji, id)).Ok);
        // Points recorded afterwards, and any attempt to change winners, leave the archived shortlist as it was.
        await new LedgerCommands(db.Factory, db.Clock).RecordServiceAsync(shuji, results[^1].MemberId, 1, today, "之后的服务");
        var change = await evaluations.SetWinnerAsync(shuji, id, results[^1].MemberId, true);
        var (archived, after) = (await new EvaluationQueries(db.Factory).DetailAsync(id))!.Value;

        Assert.Contains("不能再改", change.Error);
        Assert.Equal(EvaluationStatus.Archived, archived.Status);
        Assert.Equal(results.Select(r => (r.MemberId, r.Rank, r.Points)), after.Select(r => (r.MemberId, r.Rank, r.Points)));
        Assert.Equal([winner], after.Where(r => r.IsWinner).Select(r => r.MemberId));
    }

    private static async Task<(int Entries, int Redemptions, int Activities, int Rewards)> CountAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;"),
                await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption;"),
                await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Activity;"),
                await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Reward;"));
    }

    /// <summary>The same database seen on another day.</summary>
    private sealed class TestClock(TestDatabase db, DateTime chinaDay)
    {
        public BaiheClock Clock { get; } = new(new FixedTimeProvider(new DateTimeOffset(chinaDay.AddHours(10), TimeSpan.FromHours(8))));

        public TestDatabase Db => db;
    }

    [Fact]
    public async Task ALeadRedeemingForAMemberOfAnotherTeam_IsRefusedAuditedAndWritesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var teams = new TeamQueries(db.Factory);
        var list = await teams.ListAsync(1);
        var onA = (await teams.DetailAsync(list.Single(t => t.Name == "金姐姐").Id))!.Roster.Select(r => r.MemberId).ToList();
        var onlyOnB = (await teams.DetailAsync(list.Single(t => t.Name == "银辉先锋").Id))!.Roster.Select(r => r.MemberId).Except(onA).First();
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@onlyOnB, 3, 50, '2026-03-01', 'Service', '2026-03-01');", new { onlyOnB });
        }
        var balance = await BalanceAsync(db, onlyOnB);
        var leadA = await db.ActorAsync("jinjiejie");
        var haircut = await RewardAsync(db, "理发");
        int redemptions;
        await using (var conn = await db.Factory.OpenAsync())
        {
            redemptions = await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption;");
        }

        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            new ExchangeCommands(db.Factory, db.Clock).RedeemAsync(leadA, onlyOnB, haircut, "other-team"));

        Assert.Equal(AccessDeniedException.DefaultMessage, refusal.Message);
        Assert.Equal(balance, await BalanceAsync(db, onlyOnB));
        await using var check = await db.Factory.OpenAsync();
        Assert.Equal(redemptions, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption;"));
        Assert.Equal(1, await check.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Points.Redeem' AND EntityType = 'Member' AND EntityId = @Id AND UserName = 'jinjiejie';",
            new { Id = onlyOnB.ToString() }));
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Points.Redeem';"));
    }

    [Fact]
    public async Task UnknownIds_AreRefusedWithAClearMessage_AuditedAndNothingIsWritten()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        var activities = new ActivityCommands(db.Factory, db.Clock);
        var evaluations = new EvaluationCommands(db.Factory, db.Clock);
        var member = await FreshMemberAsync(db, 20);
        const int missing = 999_999;
        var today = db.Clock.Today;
        var evaluation = (await evaluations.CreateAsync(shuji, 1, today.Year, Period.HalfOf(today), null, 3)).Id!.Value;
        var entriesBefore = await CountAsync(db, "SELECT COUNT(*) FROM PointEntry;");
        var redemptionsBefore = await CountAsync(db, "SELECT COUNT(*) FROM Redemption;");

        var cases = new (string Action, string Message, Func<Task<CommandResult>> Call)[]
        {
            ("Points.RecordService", "找不到这位居民。", () => ledger.RecordServiceAsync(shuji, missing, 3, today, null)),
            ("Points.Correct", "找不到这条积分记录。", () => ledger.CorrectAsync(shuji, missing, "冲正")),
            ("Points.Redeem", "找不到这位居民。", () => exchange.RedeemAsync(shuji, missing, 1, "unknown-member")),
            ("Points.Redeem", "找不到本社区的这个兑换项目。", () => exchange.RedeemAsync(shuji, member, missing, "unknown-reward")),
            ("Points.Fulfil", "找不到这条兑换记录。", () => exchange.FulfilAsync(shuji, missing)),
            ("Points.SaveReward", "找不到本社区的这个兑换项目。", () => exchange.SaveRewardAsync(shuji, 1, missing, "伪造", 5, true, null, 0)),
            ("Activity.Create", "找不到这支队伍。", () => activities.CreateAsync(shuji, new ActivityInput(missing, 2, "伪造", "社区", today, 2))),
            ("Activity.SaveAttendance", "找不到这场活动。", () => activities.SaveAttendanceAsync(shuji, missing, [member])),
            ("Activity.Close", "找不到这场活动。", () => activities.CloseAsync(shuji, missing)),
            ("Evaluation.SetWinner", "找不到这次评选。", () => evaluations.SetWinnerAsync(shuji, missing, member, true)),
            ("Evaluation.SetWinner", "这位居民不在入围名单中。", () => evaluations.SetWinnerAsync(shuji, evaluation, missing, true)),
            ("Evaluation.Publicise", "找不到这次评选。", () => evaluations.PubliciseAsync(shuji, missing, today.AddDays(7))),
            ("Evaluation.Archive", "找不到这次评选。", () => evaluations.ArchiveAsync(shuji, missing)),
        };
        foreach (var (action, message, call) in cases)
        {
            var refusal = await Assert.ThrowsAsync<AccessDeniedException>(call);
            Assert.Equal(message, refusal.Message);
            Assert.True(await CountAsync(db, $"SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:{action}';") > 0, action);
        }

        Assert.Equal(cases.Length, await CountAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action LIKE 'Denied:%';"));
        Assert.Equal(entriesBefore, await CountAsync(db, "SELECT COUNT(*) FROM PointEntry;"));
        Assert.Equal(redemptionsBefore, await CountAsync(db, "SELECT COUNT(*) FROM Redemption;"));
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM Reward WHERE Name = '伪造';"));
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM Activity WHERE Title = '伪造';"));
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM EvaluationResult WHERE IsWinner = 1;"));
    }

    private static async Task<int> CountAsync(TestDatabase db, string sql)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>(sql);
    }
}
