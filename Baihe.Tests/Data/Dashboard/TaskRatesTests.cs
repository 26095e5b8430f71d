using Baihe.Data.Dashboard;
using Baihe.Data.Database;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Dashboard;

/// <summary>
/// Each of the five rates on a data set built by hand, every count worked out below. One community (id 1) with grids
/// 甲 (1) and 乙 (2) and teams A (1) and B (2); the clock stands at 2026-06-10 10:00; 24 response hours.
///
///  task  grid team received     left 收集信息   due         stage     closed       result     rating
///  T1    甲   A    03-02 08:00  03-02 20:00 12h 03-05 18:00 Closed    03-04 09:00  解决        满意
///  T2    甲   A    03-03 08:00  03-04 09:00 25h 03-08 18:00 Closed    03-10 09:00  解决        基本满意
///  T3    甲   B    03-05 10:00  03-06 10:00 24h 03-20 18:00 Assigned  —            部分解决     不满意 (reopened)
///  T4    甲   —    03-10 09:00  never            —           Collected —            —          —
///  T5    乙   B    03-12 09:00  03-12 10:00  1h 04-15 18:00 Assigned  —            —          —
///  T6    乙   A    03-15 09:00  03-15 12:00  3h 03-20 18:00 Closed    03-18 09:00  解决        未评价
///  T7    乙   B    03-20 09:00  03-20 09:30     03-25 18:00 Resolved  —            解决        —
///  T8    甲   A    02-27 09:00  (received in February: outside March, in no March figure)
/// </summary>
public class TaskRatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 2, 0, 0, TimeSpan.Zero); // 10:00 China time

    private static DateTime At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0);

    private sealed record Step(string? From, string To, DateTime At);

    private static async Task<TestDatabase> BuildAsync()
    {
        var db = await TestDatabase.CreateAsync(now: Now);
        await using var conn = await db.Factory.OpenAsync();
        await conn.ExecuteAsync("""
            INSERT INTO SubDistrict (Id, Name, District, City) VALUES (1, '金东街道', '婺城区', '金华市');
            INSERT INTO Community (Id, SubDistrictId, Name) VALUES (1, 1, '试算社区');
            INSERT INTO Grid (Id, CommunityId, Name, SortOrder) VALUES (1, 1, '甲网格', 1), (2, 1, '乙网格', 2);
            INSERT INTO Brand (Id, Name, SortOrder) VALUES (1, '试算品牌', 1);
            INSERT INTO Team (Id, CommunityId, BrandId, Name, Kind, SortOrder) VALUES (1, 1, 1, 'A队', 'VolunteerService', 1), (2, 1, 1, 'B队', 'VolunteerService', 2);
            """);
        async Task Task(int grid, int? team, string stage, DateTime? due, DateTime? closed, string? result, string? rating, params Step[] steps)
        {
            var id = await conn.ExecuteScalarAsync<int>("""
                INSERT INTO ResidentTask (GridId, Title, Description, Category, Source, Stage, AssignedTeamId, CollectedAt, DueAt, ClosedAt, Result, Satisfaction)
                VALUES (@grid, '试算', '试算', '其他', 'Hotline', @stage, @team, @collected, @due, @closed, @result, @rating);
                SELECT last_insert_rowid();
                """, new { grid, team, stage, collected = steps[0].At, due, closed, result, rating });
            foreach (var s in steps)
            {
                await conn.ExecuteAsync("INSERT INTO TaskStageHistory (TaskId, FromStage, ToStage, ChangedAt) VALUES (@id, @From, @To, @At);",
                    new { id, s.From, s.To, s.At });
            }
        }
        Step Got(DateTime at) => new(null, "Collected", at);
        Step Triaged(DateTime at) => new("Collected", "Identified", at);
        Step Assigned(DateTime at) => new("Identified", "Assigned", at);
        Step Resolved(DateTime at) => new("Assigned", "Resolved", at);
        Step ClosedAt(DateTime at) => new("Resolved", "Closed", at);
        Step Reopened(DateTime at) => new("Resolved", "Assigned", at);

        await Task(1, 1, "Closed", At(3, 5, 18), At(3, 4, 9), "Resolved", "Satisfied",
            Got(At(3, 2, 8)), Triaged(At(3, 2, 20)), Assigned(At(3, 2, 21)), Resolved(At(3, 3, 9)), ClosedAt(At(3, 4, 9)));
        await Task(1, 1, "Closed", At(3, 8, 18), At(3, 10, 9), "Resolved", "Basic",
            Got(At(3, 3, 8)), Triaged(At(3, 4, 9)), Assigned(At(3, 4, 10)), Resolved(At(3, 9, 9)), ClosedAt(At(3, 10, 9)));
        await Task(1, 2, "Assigned", At(3, 20, 18), null, "Partial", "Dissatisfied",
            Got(At(3, 5, 10)), Triaged(At(3, 6, 10)), Assigned(At(3, 6, 11)), Resolved(At(3, 8, 9)), Reopened(At(3, 9, 9)));
        await Task(1, null, "Collected", null, null, null, null, Got(At(3, 10, 9)));
        await Task(2, 2, "Assigned", At(4, 15, 18), null, null, null,
            Got(At(3, 12, 9)), Triaged(At(3, 12, 10)), Assigned(At(3, 12, 11)));
        await Task(2, 1, "Closed", At(3, 20, 18), At(3, 18, 9), "Resolved", "Unrated",
            Got(At(3, 15, 9)), Triaged(At(3, 15, 12)), Assigned(At(3, 15, 13)), Resolved(At(3, 17, 9)), ClosedAt(At(3, 18, 9)));
        await Task(2, 2, "Resolved", At(3, 25, 18), null, "Resolved", null,
            Got(At(3, 20, 9)), Triaged(At(3, 20, 9, 30)), Assigned(At(3, 20, 10)), Resolved(At(3, 22, 9)));
        await Task(1, 1, "Closed", At(3, 1, 18), At(3, 1, 9), "Resolved", "Dissatisfied",
            Got(At(2, 27, 9)), Triaged(At(2, 27, 10)), Assigned(At(2, 27, 11)), Resolved(At(2, 28, 9)), ClosedAt(At(3, 1, 9)));
        return db;
    }

    private static Task<MonthRates> RatesAsync(TestDatabase db, DateTime from, DateTime to, int? grid = null, int hours = 24) =>
        DashboardFigures.CohortAsync(db.Factory, new DashboardArgs(1, 1, grid, from, to, db.Clock.Now), new TaskOptions(hours), default);

    private static readonly DateTime March = new(2026, 3, 1);

    [Fact]
    public async Task March_GivesEachRateFromItsOwnNumeratorAndDenominator()
    {
        await using var db = await BuildAsync();

        var r = await RatesAsync(db, March, March.AddMonths(1));

        // Received: T1–T7 (T8 came in February).
        Assert.Equal(7, r.Received);
        // 响应率: left 收集信息 within 24 h: T1 (12 h), T3 (exactly 24 h counts), T5 (1 h), T6 (3 h), T7 (½ h) = 5; T2 took
        // 25 h and T4 never left. 5 ÷ 7.
        Assert.Equal((5, 7), (r.Responded, r.Received));
        Assert.Equal(5 / 7.0, r.ResponseRate!.Value, 6);
        // 解决率: with a result T1, T2, T3, T6, T7 = 5; 解决 among them T1, T2, T6, T7 = 4 (T3 is 部分解决). 4 ÷ 5.
        Assert.Equal((4, 5), (r.Solved, r.WithResult));
        Assert.Equal(0.8, r.SolveRate!.Value, 6);
        // 按时办结率: closed T1, T2, T6 = 3, of which by the due time T1 (03-04 ≤ 03-05) and T6 (03-18 ≤ 03-20) = 2; T2
        // closed 03-10 after 03-08. Open and overdue at the period's end (04-01, earlier than now): T3 (due 03-20) and
        // T7 (due 03-25) = 2; T5 is due 04-15, after the period's end; T4 has no due time. 2 ÷ (3 + 2).
        Assert.Equal((2, 3, 2), (r.OnTime, r.Closed, r.OpenOverdue));
        Assert.Equal(0.4, r.OnTimeRate!.Value, 6);
        // 满意率: rated T1 满意, T2 基本满意, T3 不满意 = 3 (T6's 未评价 is not a rating); 满意 + 基本满意 = 2. 2 ÷ 3.
        Assert.Equal((2, 3), (r.Satisfied, r.Rated));
        Assert.Equal(2 / 3.0, r.SatisfactionRate!.Value, 6);
        // 回访率: reached feedback T1, T2, T3, T6, T7 = 5; visited back (closed or reopened) T1, T2, T3, T6 = 4. 4 ÷ 5.
        Assert.Equal((4, 5), (r.Visited, r.ReachedFeedback));
        Assert.Equal(0.8, r.VisitRate!.Value, 6);
    }

    [Fact]
    public async Task APeriodRunningPastNow_JudgesOverdueAtNow_AndTheResponseWindowFollowsTheOption()
    {
        await using var db = await BuildAsync();

        // March to June: the period ends 07-01, after now (06-10), so "already overdue" is judged at now: T5 (due 04-15)
        // joins T3 and T7. 按时办结率 = 2 ÷ (3 + 3). Received adds T8? No: T8 came in February. Still 7.
        var r = await RatesAsync(db, March, new DateTime(2026, 7, 1));
        Assert.Equal((7, 2, 3, 3), (r.Received, r.OnTime, r.Closed, r.OpenOverdue));
        Assert.Equal(2 / 6.0, r.OnTimeRate!.Value, 6);

        // With a 2-hour window only T5 (1 h) and T7 (½ h) respond in time: 2 ÷ 7. With 25 hours T2 joins: 6 ÷ 7.
        Assert.Equal(2, (await RatesAsync(db, March, March.AddMonths(1), hours: 2)).Responded);
        Assert.Equal(6, (await RatesAsync(db, March, March.AddMonths(1), hours: 25)).Responded);
    }

    [Fact]
    public async Task PerGridAndPerTeam_SplitTheSameCounts()
    {
        await using var db = await BuildAsync();
        var fx = new DashboardFixture(db);
        var filter = fx.Filter(period: "2026-03", community: 1);
        var scope = await fx.ScopeAsync(DashboardFixture.Admin(), filter);

        var view = await fx.Community.LoadAsync(scope, filter);

        var byGrid = view.RatesByGrid.ToDictionary(g => g.Name, g => g.Rates);
        // 甲: T1–T4. Responded T1, T3 = 2 of 4; 解决 T1, T2 of results T1, T2, T3 = 2 of 3; on time T1 of closed T1, T2
        // plus overdue T3 = 1 of 3; rated T1, T2, T3, satisfied T1, T2 = 2 of 3.
        var a = byGrid["甲网格"];
        Assert.Equal((4, 2, 2, 3, 1, 3, 2, 3), (a.Received, a.Responded, a.Solved, a.WithResult, a.OnTime, a.OnTimeBase, a.Satisfied, a.Rated));
        // 乙: T5–T7. Responded all 3; 解决 T6, T7 of 2; on time T6 of closed T6 plus overdue T7 = 1 of 2; nothing rated
        // (T6 未评价), so 满意率 is "—".
        var b = byGrid["乙网格"];
        Assert.Equal((3, 3, 2, 2, 1, 2, 0), (b.Received, b.Responded, b.Solved, b.WithResult, b.OnTime, b.OnTimeBase, b.Rated));
        Assert.Null(b.SatisfactionRate);

        var byTeam = view.RatesByTeam.ToDictionary(t => t.Name, t => t.Rates);
        // A队: T1, T2, T6, all closed, T1 and T6 on time: 2 of 3; rated T1, T2 both satisfied: 2 of 2. T4 has no team.
        Assert.Equal((3, 2, 3, 2, 2), (byTeam["A队"].Received, byTeam["A队"].OnTime, byTeam["A队"].OnTimeBase, byTeam["A队"].Satisfied, byTeam["A队"].Rated));
        // B队: T3, T5, T7; none closed, T3 and T7 overdue: 0 of 2; 解决 T7 of results T3, T7: 1 of 2.
        Assert.Equal((3, 0, 2, 1, 2), (byTeam["B队"].Received, byTeam["B队"].OnTime, byTeam["B队"].OnTimeBase, byTeam["B队"].Solved, byTeam["B队"].WithResult));
        Assert.Equal(2, byTeam.Count);
    }

    [Fact]
    public async Task TheTilesAndTheirDrillDown_ShowTheRatesAndExplainTheFraction()
    {
        await using var db = await BuildAsync();
        var fx = new DashboardFixture(db);
        var filter = fx.Filter(period: "2026-03", community: 1);
        var scope = await fx.ScopeAsync(DashboardFixture.Admin(), filter);

        var tiles = (await fx.Community.LoadAsync(scope, filter)).Tiles.ToDictionary(t => t.Key);
        Assert.Equal((71.4, 80.0, 40.0, 66.7, 80.0),
            (tiles["responseRate"].Value, tiles["solveRate"].Value, tiles["onTimeRate"].Value, tiles["satisfactionRate"].Value, tiles["visitRate"].Value));
        Assert.Contains("未评价", tiles["satisfactionRate"].Definition);
        Assert.Contains("24 小时", tiles["responseRate"].Definition);

        var onTime = await fx.Drill.ListAsync(DashboardFixture.Admin(), new DrillRequest(DrillMetrics.OnTimeRate, tiles["onTimeRate"].Bucket, filter), scope, new PageRequest(0, 100));
        Assert.Null(onTime.Refusal);
        Assert.Equal(40.0, onTime.Total);
        Assert.Contains("按期办结 2 / （办结 3 + 未办结已超期 2）", onTime.Description);
        // The list is the cohort: the seven tasks received in March.
        Assert.Equal(7, onTime.Count);
        var solve = await fx.Drill.ListAsync(DashboardFixture.Admin(), new DrillRequest(DrillMetrics.SolveRate, tiles["solveRate"].Bucket, filter), scope, new PageRequest(0, 100));
        Assert.Contains("解决 4 / 有结果 5", solve.Description);
    }
}
