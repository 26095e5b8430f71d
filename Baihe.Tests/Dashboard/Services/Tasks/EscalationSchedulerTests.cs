using Baihe.Dashboard.Services.Tasks;
using Baihe.Data;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baihe.Tests.Dashboard.Services.Tasks;

/// <summary>
/// The scan as it runs in the servers: two hosts over one SQLite file, each with its own background scan every minute
/// of a clock the test moves, and a third started later as a restart would be. Each escalation is recorded and told once.
/// </summary>
public class EscalationSchedulerTests
{
    private static ServiceProvider Host(TestDatabase db, TimeProvider time) =>
        new ServiceCollection()
            .AddSingleton(time)
            .AddLogging(l => l.AddProvider(NullLoggerProvider.Instance))
            .AddSingleton(new TaskEscalationOptions(RemindShare: 0.5, ScanSeconds: 60))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .AddSingleton<EscalationScheduler>()
            .BuildServiceProvider();

    // tick moves the fake clock on each poll: a BackgroundService starts ExecuteAsync on the thread pool, so its delay
    // may be set after the test's own Advance.
    private static async Task WaitForAsync(Func<Task<bool>> done, string what, Action tick)
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, $"timed out waiting for {what}");
            tick();
            await Task.Delay(20);
        }
    }

    // An urgent task (due in two hours) taken in and triaged by the secretary.
    private static async Task<(TaskCommands Tasks, TaskWorkflowQueries Queries, Baihe.Data.Accounts.Actor Shuji, int Id)> UrgentTaskAsync(
        TestDatabase db, TimeProvider time, string title, string description)
    {
        var tasks = new TaskCommands(db.Factory, new BaiheClock(time), new TaskDueHours(Urgent: 2));
        var queries = new TaskWorkflowQueries(db.Factory);
        var shuji = await db.ActorAsync("shuji");
        var id = (await tasks.IntakeAsync(shuji, new IntakeRequest { GridId = 1, Title = title, Description = description, Category = "安全隐患", Source = "Hotline" })).Id!.Value;
        await tasks.TriageAsync(shuji, id, "Urgent", "安全隐患", (await queries.DetailAsync(id))!.Value.Task.RowVersion);
        return (tasks, queries, shuji, id);
    }

    [Fact]
    public async Task AServerStartingAfterTheDueTime_EscalatesAtOnce_WithoutWaitingATick()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var time = new FakeTimeProvider(FixedTimeProvider.Default);
        var (_, _, _, id) = await UrgentTaskAsync(db, time, "路灯不亮", "3 栋门前路灯两晚不亮。");
        // Due while no server ran.
        time.Advance(TimeSpan.FromHours(3));

        await using var host = Host(db, time);
        var scan = host.GetRequiredService<EscalationScheduler>();
        await scan.StartAsync(CancellationToken.None);
        try
        {
            // The fake clock is never moved here: only a scan at start can record it.
            var until = DateTime.UtcNow.AddSeconds(60);
            int recorded;
            do
            {
                await Task.Delay(20);
                await using var conn = await db.Factory.OpenAsync();
                recorded = await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TaskEscalation WHERE TaskId = @id AND Kind = 'Supervise';", new { id });
            }
            while (recorded == 0 && DateTime.UtcNow < until);
            Assert.Equal(1, recorded);
        }
        finally
        {
            await scan.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task TwoServersAndARestart_RecordEachThresholdOnce_AndTellEachPersonOnce()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var time = new FakeTimeProvider(FixedTimeProvider.Default);
        var (tasks, queries, shuji, id) = await UrgentTaskAsync(db, time, "电梯困人", "5 栋电梯停在两层之间。");
        await using (var conn = await db.Factory.OpenAsync())
        {
            var team = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Team WHERE CommunityId = 1 AND Name = '银辉先锋';");
            Assert.True((await tasks.AssignAsync(shuji, id, team, [], null, (await queries.DetailAsync(id))!.Value.Task.RowVersion)).Ok);
        }
        async Task<List<string>> KindsAsync()
        {
            await using var conn = await db.Factory.OpenAsync();
            return (await conn.QueryAsync<string>("SELECT Kind FROM TaskEscalation WHERE TaskId = @id ORDER BY Id;", new { id })).ToList();
        }
        async Task<List<string>> ToldAsync()
        {
            await using var conn = await db.Factory.OpenAsync();
            return (await conn.QueryAsync<string>("""
                SELECT n.Kind || ':' || u.UserName FROM Notification n JOIN AppUser u ON u.Id = n.UserId
                WHERE n.Link = @link AND n.Kind IN ('TaskRemind', 'TaskSupervise') ORDER BY n.Kind, u.UserName;
                """, new { link = $"tasks/{id}" })).ToList();
        }
        void Tick() => time.Advance(TimeSpan.FromSeconds(5));

        await using var a = Host(db, time);
        var b = Host(db, time);
        var scans = new List<IHostedService> { a.GetRequiredService<EscalationScheduler>(), b.GetRequiredService<EscalationScheduler>() };
        await Task.WhenAll(scans.Select(s => s.StartAsync(CancellationToken.None)));

        // Half of the two hours: 催办.
        time.Advance(TimeSpan.FromMinutes(60));
        await WaitForAsync(async () => (await KindsAsync()).Count == 1, "催办", Tick);
        // A restart: one server goes away and a new one starts over the same file.
        await scans[1].StopAsync(CancellationToken.None);
        await b.DisposeAsync();
        await using var c = Host(db, time);
        scans[1] = c.GetRequiredService<EscalationScheduler>();
        await scans[1].StartAsync(CancellationToken.None);
        // The due time: 督办.
        time.Advance(TimeSpan.FromMinutes(55));
        await WaitForAsync(async () => (await KindsAsync()).Count == 2, "督办", Tick);
        // Several more scans by both servers find nothing more to record.
        for (var i = 0; i < 24; i++)
        {
            Tick();
            await Task.Delay(20);
        }
        await Task.WhenAll(scans.Select(s => s.StopAsync(CancellationToken.None)));

        Assert.Equal([EscalationKinds.Remind, EscalationKinds.Supervise], await KindsAsync());
        Assert.Equal([$"{NotificationKinds.TaskRemind}:shuji", $"{NotificationKinds.TaskRemind}:yinhui",
            $"{NotificationKinds.TaskSupervise}:jiedao", $"{NotificationKinds.TaskSupervise}:shuji"], await ToldAsync());
    }
}
