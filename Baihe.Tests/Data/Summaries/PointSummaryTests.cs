using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Data.Summaries;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Summaries;

/// <summary>
/// PointSummary (months), PointDaySummary (days) and PointMemberSummary (a person's months) are kept by every ledger
/// write, so they always equal the ledger summed again; a period of days read from them equals the ledger's sum over
/// those days, and a ranking of whole months read from them equals the ranking the ledger gives.
/// </summary>
public class PointSummaryTests
{
    private const string SummarySql = """
        SELECT 'M' AS Grain, GridId, Month AS Key, CategoryId, Issued, Deducted, Entries FROM PointSummary
        UNION ALL
        SELECT 'D' AS Grain, GridId, Day AS Key, CategoryId, Issued, Deducted, Entries FROM PointDaySummary
        UNION ALL
        SELECT 'P' AS Grain, MemberId AS GridId, Month AS Key, CategoryId, Earned AS Issued, Redeemed AS Deducted, 0 AS Entries FROM PointMemberSummary
        ORDER BY Grain, GridId, Key, CategoryId;
        """;

    // The positive entries of the sub-district's residents per community and area on [From, To), from the ledger.
    private const string LedgerPointsSql = """
        SELECT g.CommunityId, pe.CategoryId AS AreaId, SUM(pe.Points) AS Value
        FROM PointEntry pe JOIN Member m ON m.Id = pe.MemberId JOIN Grid g ON g.Id = m.GridId JOIN Community c ON c.Id = g.CommunityId
        WHERE c.SubDistrictId = @SubDistrictId AND pe.Points > 0 AND pe.OccurredOn >= @From AND pe.OccurredOn < @To
        GROUP BY g.CommunityId, pe.CategoryId;
        """;

    private static async Task<List<string>> SummaryAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction? tx = null) =>
        (await conn.QueryAsync<(string Grain, int GridId, int Key, int CategoryId, int Issued, int Deducted, int Entries)>(SummarySql, transaction: tx))
            .Select(r => $"{r.Grain} {r.GridId}/{r.Key}/{r.CategoryId}: +{r.Issued} {r.Deducted} ×{r.Entries}").ToList();

    private static async Task<List<string>> SummaryAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await SummaryAsync(conn);
    }

    /// <summary>The summaries as they stand, then as the ledger recounts them (the seeders' rebuild, in a rolled-back transaction).</summary>
    private static async Task<(List<string> Kept, List<string> Recounted)> KeptAndRecountedAsync(TestDatabase db)
    {
        var kept = await SummaryAsync(db);
        await using var conn = await db.Factory.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await PointSummaryRebuild.RunAsync(conn, tx);
        var recounted = await SummaryAsync(conn, tx);
        await tx.RollbackAsync();
        return (kept, recounted);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AfterARandomMixOfServicesCorrectionsRedemptionsEventsAndTaskCredits_EverySummaryEqualsARecountOfTheLedger(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var shuji = await db.ActorAsync("shuji");
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        var activities = new ActivityCommands(db.Factory, db.Clock);
        var tasks = new TaskCommands(db.Factory, db.Clock, new TaskDueHours());
        await using var conn = await db.Factory.OpenAsync();
        var members = (await conn.QueryAsync<int>("SELECT m.Id FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1 ORDER BY m.Id;")).AsList();
        var rewards = (await conn.QueryAsync<int>("SELECT Id FROM Reward WHERE CommunityId = 1 AND IsActive = 1 ORDER BY Id;")).AsList();
        var team = await conn.ExecuteScalarAsync<int>("SELECT MIN(Id) FROM Team WHERE CommunityId = 1;");
        var closedTasks = new Queue<int>(await conn.QueryAsync<int>("SELECT rt.Id FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId " +
            "WHERE g.CommunityId = 1 AND rt.Stage = 'Closed' ORDER BY rt.Id;"));
        Assert.Equal(await SummaryAsync(db), (await KeptAndRecountedAsync(db)).Recounted);
        Assert.NotEmpty(await SummaryAsync(db));

        var rnd = new Random(20261202);
        var today = db.Clock.Today;
        var written = new Dictionary<string, int>();
        void Count(string kind, CommandResult r)
        {
            if (r.Ok)
            {
                written[kind] = written.GetValueOrDefault(kind) + 1;
            }
        }
        for (var i = 0; i < 80; i++)
        {
            var member = members[rnd.Next(members.Count)];
            switch (rnd.Next(10))
            {
                case < 4:
                    // Services on days spread over this year and last, so several months and areas get rows.
                    Count("service", await ledger.RecordServiceAsync(shuji, member, 1 + rnd.Next(5), today.AddDays(-rnd.Next(400)), "汇总测试"));
                    break;
                case < 6:
                    var entry = await conn.ExecuteScalarAsync<long?>("""
                        SELECT MAX(e.Id) FROM PointEntry e JOIN Member m ON m.Id = e.MemberId JOIN Grid g ON g.Id = m.GridId
                        WHERE g.CommunityId = 1 AND e.Points > 0 AND e.Source = 'Service' AND e.Id % 7 = @k
                          AND NOT EXISTS (SELECT 1 FROM PointEntry r WHERE r.ReversesEntryId = e.Id);
                        """, new { k = rnd.Next(7) });
                    if (entry is long id)
                    {
                        Count("correction", await ledger.CorrectAsync(shuji, id, "重复登记"));
                    }
                    break;
                case < 8:
                    Count("redemption", await exchange.RedeemAsync(shuji, member, rewards[rnd.Next(rewards.Count)], $"summary-{i}"));
                    break;
                case 8:
                    var created = await activities.CreateAsync(shuji, new ActivityInput(team, 1 + rnd.Next(5), "汇总测试活动", "社区广场",
                        today.AddDays(-rnd.Next(60)), 1 + rnd.Next(3)));
                    Assert.True(created.Ok, created.Error);
                    var attendees = members.OrderBy(_ => rnd.Next()).Take(3 + rnd.Next(5)).ToList();
                    Assert.True((await activities.SaveAttendanceAsync(shuji, created.Id!.Value, attendees)).Ok);
                    Count("activity", await activities.CloseAsync(shuji, created.Id!.Value));
                    break;
                default:
                    if (closedTasks.TryDequeue(out var task))
                    {
                        Count("task", await tasks.CreditAsync(shuji, task, [member, members[rnd.Next(members.Count)]], 1 + rnd.Next(5)));
                    }
                    break;
            }
        }

        // Every kind of write happened, so the comparison below covers each path into the ledger.
        Assert.All(new[] { "service", "correction", "redemption", "activity", "task" }, k => Assert.True(written.GetValueOrDefault(k) > 0, k));
        var (kept, recounted) = await KeptAndRecountedAsync(db);
        Assert.Equal(recounted, kept);
        Assert.Contains(kept, r => r.StartsWith('D'));

        // Any period of whole days, read from the summaries (months and the days around them), is the ledger's sum.
        var summaries = new PointSummaryQueries(db.Factory);
        for (var i = 0; i < 12; i++)
        {
            var from = today.AddDays(-rnd.Next(420));
            var period = new Period(from, from.AddDays(1 + rnd.Next(i < 6 ? 40 : 200)));
            var fromLedger = (await conn.QueryAsync<AreaPointsRow>(LedgerPointsSql, new { SubDistrictId = 1, period.From, period.To }))
                .Select(r => $"{r.CommunityId}/{r.AreaId}: {r.Value}").Order().ToList();
            var fromSummaries = (await summaries.PointsAsync(1, null, null, period)).Select(r => $"{r.CommunityId}/{r.AreaId}: {r.Value}").Order().ToList();
            Assert.Equal(fromLedger, fromSummaries);
        }

        // Any ranking of whole months (a month, a half-year, a year; every area or one), read from the people's month
        // summaries, is the ranking the ledger gives; and so are the month's redeemed total and its ledger row count.
        var points = new PointsQueries(db.Factory);
        var reports = new Baihe.Data.Reports.ReportQueries(db.Factory, db.Clock);
        var thisMonth = new DateTime(today.Year, today.Month, 1);
        var ranked = 0;
        for (var i = 0; i < 14; i++)
        {
            var from = thisMonth.AddMonths(-rnd.Next(14));
            var period = new Period(from, from.AddMonths(i % 3 == 0 ? 1 : i % 3 == 1 ? 6 : 12));
            int? area = i % 2 == 0 ? null : 1 + rnd.Next(5);
            Assert.True(PointsQueries.IsWholeMonths(period));
            var expected = await points.LeaderboardFromLedgerAsync(1, period, area);
            Assert.Equal(expected, await points.LeaderboardAsync(1, period, area));
            ranked += expected.Count;
        }
        Assert.True(ranked > 0, "no ranking had anyone in it, so the comparison proved nothing");
        for (var back = 0; back < 13; back++)
        {
            var month = new Period(thisMonth.AddMonths(-back), thisMonth.AddMonths(1 - back));
            var redeemed = await conn.ExecuteScalarAsync<int>("""
                SELECT COALESCE(-SUM(pe.Points), 0) FROM PointEntry pe JOIN Member m ON m.Id = pe.MemberId JOIN Grid g ON g.Id = m.GridId
                WHERE g.CommunityId = 1 AND pe.Source = 'Redemption' AND pe.OccurredOn >= @From AND pe.OccurredOn < @To;
                """, new { month.From, month.To });
            Assert.Equal(redeemed, (await reports.CountsAsync(1, month)).PointsRedeemed);
            var lines = await conn.ExecuteScalarAsync<int>("""
                SELECT COUNT(*) FROM PointEntry pe JOIN Member m ON m.Id = pe.MemberId JOIN Grid g ON g.Id = m.GridId
                WHERE g.CommunityId = 1 AND pe.OccurredOn >= @From AND pe.OccurredOn < @To;
                """, new { month.From, month.To });
            Assert.Equal(lines, (await reports.LedgerCountsAsync(new Baihe.Data.Reports.ExportScope(1, null, true), month)).GetValueOrDefault(1));
        }
    }

    [Fact]
    public async Task TheRecountNoticesASummaryThatMissedAWrite()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using (var conn = await db.Factory.OpenAsync())
        {
            // A ledger row written behind PointLedger's back, as the check must catch.
            await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) " +
                "VALUES (1, 2, 5, '2026-03-01 00:00:00', 'Service', '2026-03-01 00:00:00');");
        }

        var (kept, recounted) = await KeptAndRecountedAsync(db);

        Assert.NotEqual(recounted, kept);
    }

    [Fact]
    public async Task TheRecountNoticesADayRowOnTheWrongDay_EvenWhenItsMonthIsRight()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using (var conn = await db.Factory.OpenAsync())
        {
            // Points moved to another day of the same month: the month rows still agree, only the day rows can tell.
            var moved = await conn.ExecuteAsync("""
                UPDATE PointDaySummary SET Day = Day + 1
                WHERE (GridId, Day, CategoryId) = (
                    SELECT d.GridId, d.Day, d.CategoryId FROM PointDaySummary d
                    WHERE d.Day % 100 < 28
                      AND NOT EXISTS (SELECT 1 FROM PointDaySummary o WHERE o.GridId = d.GridId AND o.Day = d.Day + 1 AND o.CategoryId = d.CategoryId)
                    ORDER BY d.GridId, d.Day, d.CategoryId LIMIT 1);
                """);
            Assert.True(moved > 0);
        }

        var (kept, recounted) = await KeptAndRecountedAsync(db);

        Assert.Equal(recounted.Where(r => r.StartsWith('M')), kept.Where(r => r.StartsWith('M')));
        Assert.NotEqual(recounted, kept);
    }
}
