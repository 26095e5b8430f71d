using Baihe.Dashboard.Services.Reports;
using Baihe.Data;
using Baihe.Data.Database;
using Baihe.Data.Reports;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baihe.Tests.Dashboard.Services.Reports;

public class ReportScheduleTests
{
    /// <summary>2026-12-01 05:00 in China: an hour before November's run is due.</summary>
    private static readonly DateTimeOffset BeforeDecemberRun = new(2026, 11, 30, 21, 0, 0, TimeSpan.Zero);

    /// <summary>One server: its own container (runner, scheduler, lease holder name) over the shared database file.</summary>
    private static ServiceProvider Host(TestDatabase db, TimeProvider time, int startDelaySeconds = 0) =>
        new ServiceCollection()
            .AddSingleton(time)
            .AddLogging(l => l.AddProvider(NullLoggerProvider.Instance))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .AddSingleton<ExportGate>().AddSingleton<ReportExporter>().AddSingleton(new ReportOptions())
            .AddSingleton(new ReportScheduleOptions { StartDelaySeconds = startDelaySeconds, LeaseMinutes = 10 })
            .AddSingleton<ScheduleCalendar>().AddSingleton<ReportArchiver>().AddSingleton<MonthlyReportRunner>()
            .AddSingleton<MonthlyReportScheduler>()
            .BuildServiceProvider();

    private sealed record Stored
    {
        public int? CommunityId { get; init; }
        public int SubDistrictId { get; init; }
        public string Month { get; init; } = "";
        public int Copies { get; init; }
    }

    private static async Task<List<Stored>> ScheduledAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.QueryAsync<Stored>("""
            SELECT CommunityId, SubDistrictId, Month, COUNT(*) AS Copies FROM ReportArchive WHERE IsScheduled = 1
            GROUP BY CommunityId, SubDistrictId, Month ORDER BY Month, CommunityId;
            """)).ToList();
    }

    private static async Task<(int Communities, int SubDistricts)> ScopesAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Community;"),
            await conn.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT SubDistrictId) FROM Community;"));
    }

    private static async Task<List<string>> CompletedMonthsAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.QueryAsync<string>("SELECT Month FROM ReportScheduleRun WHERE CompletedAt IS NOT NULL ORDER BY Month;")).ToList();
    }

    // tick moves the fake clock on each poll: a BackgroundService starts ExecuteAsync on the thread pool, so its first
    // delay may be set after the test's own Advance.
    private static async Task WaitForAsync(Func<Task<bool>> done, string what, Action? tick = null)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            tick?.Invoke();
            await Task.Delay(50);
        }
    }

    [Fact]
    public void Calendar_IsChinaTime_SoTheRunIsDueAt0600OnTheFirstInShanghaiWhateverTheServerZone()
    {
        var calendar = new ScheduleCalendar(new ReportScheduleOptions());

        // 2026-11-30 21:59:59 UTC is 05:59:59 on 1 December in China: October is the latest month due.
        Assert.Equal("2026-10", calendar.DueMonth(new DateTimeOffset(2026, 11, 30, 21, 59, 59, TimeSpan.Zero)));
        Assert.Equal("2026-11", calendar.DueMonth(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero), calendar.NextRun(BeforeDecemberRun));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 22, 0, 0, TimeSpan.Zero), calendar.NextRun(new DateTimeOffset(2026, 11, 30, 22, 0, 0, TimeSpan.Zero)));
        Assert.Equal(["2026-10", "2026-11"], ScheduleCalendar.MonthsToRun("2026-09", "2026-11", 3));
        Assert.Equal(["2026-11"], ScheduleCalendar.MonthsToRun(null, "2026-11", 3));
        Assert.Empty(ScheduleCalendar.MonthsToRun("2026-11", "2026-11", 3));
    }

    [Fact]
    public async Task TwoServersRunningTheScheduleAtOnce_StoreOneReportPerCommunityAndRollUp_NotTwo()
    {
        await using var db = await TestDatabase.SeededAsync(now: BeforeDecemberRun);
        var time = new FakeTimeProvider(BeforeDecemberRun);
        await using var a = Host(db, time);
        await using var b = Host(db, time);
        var (communities, subDistricts) = await ScopesAsync(db);
        // October (due at start) is marked done, so the start-up pass of both servers has nothing to do.
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("INSERT INTO ReportScheduleRun (Month, Holder, StartedAt, CompletedAt, Reports) VALUES ('2026-10', 'earlier', '2026-11-01 06:00:00', '2026-11-01 06:01:00', 0);");
        }
        var schedulers = new IHostedService[] { a.GetRequiredService<MonthlyReportScheduler>(), b.GetRequiredService<MonthlyReportScheduler>() };
        await Task.WhenAll(schedulers.Select(s => s.StartAsync(CancellationToken.None)));

        // 06:00 in China on the 1st: both servers wake at the same instant.
        time.Advance(TimeSpan.FromHours(1));
        await WaitForAsync(async () => (await CompletedMonthsAsync(db)).Contains("2026-11"), "November's run to complete");
        // The loser looks again after the lease's length and finds the month done.
        time.Advance(TimeSpan.FromMinutes(11));
        await Task.WhenAll(schedulers.Select(s => s.StopAsync(CancellationToken.None)));

        var stored = (await ScheduledAsync(db)).Where(s => s.Month == "2026-11").ToList();
        Assert.Equal(communities + subDistricts, stored.Count);
        Assert.All(stored, s => Assert.Equal(1, s.Copies));
        Assert.Equal(communities, stored.Count(s => s.CommunityId is not null));
        Assert.Equal(subDistricts, stored.Count(s => s.CommunityId is null));
    }

    [Fact]
    public async Task TwoRunnersCalledConcurrently_OneRunsAndTheOtherFindsTheLeaseTaken()
    {
        var now = new DateTimeOffset(2026, 11, 30, 22, 0, 1, TimeSpan.Zero);
        await using var db = await TestDatabase.SeededAsync(now: now);
        var time = new FakeTimeProvider(now);
        await using var a = Host(db, time);
        await using var b = Host(db, time);
        var (communities, subDistricts) = await ScopesAsync(db);

        var outcomes = await Task.WhenAll(
            Task.Run(() => a.GetRequiredService<MonthlyReportRunner>().RunDueAsync()),
            Task.Run(() => b.GetRequiredService<MonthlyReportRunner>().RunDueAsync()));
        var again = await b.GetRequiredService<MonthlyReportRunner>().RunDueAsync();

        Assert.Single(outcomes, RunOutcome.Ran);
        Assert.Equal(RunOutcome.NothingDue, again);
        var stored = await ScheduledAsync(db);
        Assert.Equal(communities + subDistricts, stored.Count);
        Assert.All(stored, s => Assert.Equal(("2026-11", 1), (s.Month, s.Copies)));
        Assert.Equal(["2026-11"], await CompletedMonthsAsync(db));
    }

    [Fact]
    public async Task AtStart_AMonthMissedWhileNoServerWasUp_IsCaughtUp()
    {
        // 3 December, 09:00 in China: September was the last month run; October's and November's 1st passed with every server down.
        var now = new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
        await using var db = await TestDatabase.SeededAsync(now: now);
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("INSERT INTO ReportScheduleRun (Month, Holder, StartedAt, CompletedAt, Reports) VALUES ('2026-09', 'earlier', '2026-10-01 06:00:00', '2026-10-01 06:01:00', 0);");
        }
        var time = new FakeTimeProvider(now);
        await using var host = Host(db, time, startDelaySeconds: 30);
        var scheduler = host.GetRequiredService<MonthlyReportScheduler>();
        await scheduler.StartAsync(CancellationToken.None);

        await WaitForAsync(async () => (await CompletedMonthsAsync(db)).Contains("2026-11"), "the catch-up to complete",
            () => time.Advance(TimeSpan.FromSeconds(5)));
        await scheduler.StopAsync(CancellationToken.None);

        var (communities, subDistricts) = await ScopesAsync(db);
        Assert.Equal(["2026-09", "2026-10", "2026-11"], await CompletedMonthsAsync(db));
        var stored = await ScheduledAsync(db);
        Assert.Equal(communities + subDistricts, stored.Count(s => s.Month == "2026-10"));
        Assert.Equal(communities + subDistricts, stored.Count(s => s.Month == "2026-11"));
    }

    [Fact]
    public async Task ARunInterruptedPartWay_IsFinishedByTheNextHolder_WithoutASecondCopy()
    {
        var now = new DateTimeOffset(2026, 11, 30, 22, 0, 1, TimeSpan.Zero);
        await using var db = await TestDatabase.SeededAsync(now: now);
        var time = new FakeTimeProvider(now);
        await using var a = Host(db, time);
        // Server A stored community 1's report, then died holding the lease.
        var archiver = a.GetRequiredService<ReportArchiver>();
        var system = new Baihe.Data.Accounts.Actor(0, "schedule", Baihe.Data.Accounts.Roles.Secretary, 1, 1, null);
        Assert.NotNull((await archiver.GenerateAsync(system, new ArchivedReportScope(1, 1), "2026-11", ReportArchiveCommands.ScheduleName, scheduled: true)).Id);
        var store = a.GetRequiredService<ReportScheduleStore>();
        Assert.True(await store.TryTakeLeaseAsync("dead-server", db.Clock.Now, db.Clock.Now.AddMinutes(10)));
        await store.StartRunAsync("2026-11", "dead-server", db.Clock.Now);
        await using var b = Host(db, time);

        var whileHeld = await b.GetRequiredService<MonthlyReportRunner>().RunDueAsync();
        time.Advance(TimeSpan.FromMinutes(11));
        var afterExpiry = await b.GetRequiredService<MonthlyReportRunner>().RunDueAsync();

        Assert.Equal(RunOutcome.Busy, whileHeld);
        Assert.Equal(RunOutcome.Ran, afterExpiry);
        var (communities, subDistricts) = await ScopesAsync(db);
        var stored = await ScheduledAsync(db);
        Assert.Equal(communities + subDistricts, stored.Count);
        Assert.All(stored, s => Assert.Equal(1, s.Copies));
    }
}
