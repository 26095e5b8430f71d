using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace Baihe.Tests.Data.Tasks;

/// <summary>
/// 催办 and 督办 with a clock the test moves: an urgent task (2 hours) assigned at 10:00 is reminded at 11:00 (half its
/// time, <see cref="TaskEscalationOptions.RemindShare"/> 0.5) and supervised at 12:00, each once, whoever scans.
/// </summary>
public class EscalationScannerTests
{
    private static readonly TaskDueHours Hours = new(Urgent: 2, High: 24, Normal: 72);

    private sealed class Env(TestDatabase db, FakeTimeProvider time) : IAsyncDisposable
    {
        public TestDatabase Db { get; } = db;
        public FakeTimeProvider Time { get; } = time;
        public BaiheClock Clock { get; } = new(time);
        public TaskCommands Tasks => new(Db.Factory, Clock, Hours);

        /// <summary>A scanner as one server has it: its own connection factory over the same file.</summary>
        public EscalationScanner Scanner(double share = 0.5) =>
            new(new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, Db.Factory.ConnectionString)), Clock, new TaskEscalationOptions(share));

        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }

    private static async Task<Env> SetUpAsync()
    {
        var db = await TestDatabase.WithAccountsAsync();
        return new Env(db, new FakeTimeProvider(FixedTimeProvider.Default));
    }

    private static async Task<long> VersionAsync(Env env, int id) => (await new TaskWorkflowQueries(env.Db.Factory).DetailAsync(id))!.Value.Task.RowVersion;

    private static async Task<int> TeamAsync(Env env, string name)
    {
        await using var conn = await env.Db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT Id FROM Team WHERE CommunityId = 1 AND Name = @name;", new { name });
    }

    /// <summary>An urgent task of 百合园, triaged and assigned now to 银辉先锋: due in two hours.</summary>
    private static async Task<int> UrgentAssignedAsync(Env env)
    {
        var s = await env.Db.ActorAsync("shuji");
        var id = (await env.Tasks.IntakeAsync(s, new IntakeRequest
        {
            GridId = 1, Title = "楼道积水", Description = "3 栋楼道积水，老人出行不便。", Category = "设施维护", Source = "Hotline",
        })).Id!.Value;
        Assert.True((await env.Tasks.TriageAsync(s, id, "Urgent", "设施维护", await VersionAsync(env, id))).Ok);
        Assert.True((await env.Tasks.AssignAsync(s, id, await TeamAsync(env, "银辉先锋"), [], null, await VersionAsync(env, id))).Ok);
        return id;
    }

    private static async Task<List<string>> EscalationsAsync(Env env, int taskId)
    {
        await using var conn = await env.Db.Factory.OpenAsync();
        return (await conn.QueryAsync<string>("SELECT Kind FROM TaskEscalation WHERE TaskId = @taskId ORDER BY Id;", new { taskId })).ToList();
    }

    /// <summary>Who was told what about the task, as "userName:Kind", sorted.</summary>
    private static async Task<List<string>> ToldAsync(Env env, int taskId, string kind)
    {
        await using var conn = await env.Db.Factory.OpenAsync();
        return (await conn.QueryAsync<string>("""
            SELECT u.UserName FROM Notification n JOIN AppUser u ON u.Id = n.UserId
            WHERE n.Link = @link AND n.Kind = @kind ORDER BY u.UserName;
            """, new { link = $"tasks/{taskId}", kind })).ToList();
    }

    [Fact]
    public async Task BeforeHalfTheTime_NothingIsRecorded()
    {
        await using var env = await SetUpAsync();
        var id = await UrgentAssignedAsync(env);

        env.Time.Advance(TimeSpan.FromMinutes(59));
        await env.Scanner().ScanAsync();

        Assert.Empty(await EscalationsAsync(env, id));
        Assert.Empty(await ToldAsync(env, id, NotificationKinds.TaskRemind));
    }

    [Fact]
    public async Task AtHalfTheTime_催办IsRecordedOnce_AndTheTeamsLeadAndTheSecretaryAreTold()
    {
        await using var env = await SetUpAsync();
        var id = await UrgentAssignedAsync(env);

        env.Time.Advance(TimeSpan.FromMinutes(60));
        await env.Scanner().ScanAsync();
        await env.Scanner().ScanAsync();

        Assert.Equal([EscalationKinds.Remind], await EscalationsAsync(env, id));
        Assert.Equal(["shuji", "yinhui"], await ToldAsync(env, id, NotificationKinds.TaskRemind));
        var detail = (await new TaskWorkflowQueries(env.Db.Factory).DetailAsync(id))!.Value;
        Assert.Equal(EscalationKinds.Remind, detail.Task.Escalation);
        var row = Assert.Single(detail.History, h => h.Escalation is not null);
        Assert.Equal((EscalationKinds.Remind, TaskCodes.Assigned), (row.Escalation, row.ToStage));
    }

    [Fact]
    public async Task AtTheDueTime_督办IsRecordedOnce_AndTheSecretaryAndTheOfficialsAreTold()
    {
        await using var env = await SetUpAsync();
        var id = await UrgentAssignedAsync(env);

        env.Time.Advance(TimeSpan.FromMinutes(61));
        await env.Scanner().ScanAsync();
        env.Time.Advance(TimeSpan.FromMinutes(59));
        await env.Scanner().ScanAsync();
        await env.Scanner().ScanAsync();

        Assert.Equal([EscalationKinds.Remind, EscalationKinds.Supervise], await EscalationsAsync(env, id));
        Assert.Equal(["jiedao", "shuji"], await ToldAsync(env, id, NotificationKinds.TaskSupervise));
        Assert.Equal(["shuji", "yinhui"], await ToldAsync(env, id, NotificationKinds.TaskRemind));
        Assert.Equal(EscalationKinds.Supervise, (await new TaskWorkflowQueries(env.Db.Factory).DetailAsync(id))!.Value.Task.Escalation);
    }

    [Fact]
    public async Task ATaskFirstSeenAfterItsDueTime_GetsOnly督办()
    {
        await using var env = await SetUpAsync();
        var id = await UrgentAssignedAsync(env);

        env.Time.Advance(TimeSpan.FromHours(3));
        await env.Scanner().ScanAsync();

        Assert.Equal([EscalationKinds.Supervise], await EscalationsAsync(env, id));
        Assert.Empty(await ToldAsync(env, id, NotificationKinds.TaskRemind));
    }

    [Fact]
    public async Task TheShare_IsConfigurable()
    {
        await using var env = await SetUpAsync();
        var id = await UrgentAssignedAsync(env);

        env.Time.Advance(TimeSpan.FromMinutes(80));
        await env.Scanner(share: 0.75).ScanAsync();
        Assert.Empty(await EscalationsAsync(env, id));

        env.Time.Advance(TimeSpan.FromMinutes(10));
        await env.Scanner(share: 0.75).ScanAsync();
        Assert.Equal([EscalationKinds.Remind], await EscalationsAsync(env, id));
    }

    [Fact]
    public async Task ATaskThatMovedOn_IsNotEscalated_AndItsOldReminderNoLongerShows()
    {
        await using var env = await SetUpAsync();
        var id = await UrgentAssignedAsync(env);
        env.Time.Advance(TimeSpan.FromMinutes(70));
        await env.Scanner().ScanAsync();

        var lead = await env.Db.ActorAsync("yinhui");
        Assert.True((await env.Tasks.ResolveAsync(lead, id, TaskCodes.ResultResolved, "已疏通排水口", await VersionAsync(env, id))).Ok);
        env.Time.Advance(TimeSpan.FromHours(5));
        await env.Scanner().ScanAsync();

        Assert.Equal([EscalationKinds.Remind], await EscalationsAsync(env, id));
        Assert.Null((await new TaskWorkflowQueries(env.Db.Factory).DetailAsync(id))!.Value.Task.Escalation);
    }

    [Fact]
    public async Task TwoServersScanningAtOnce_RecordEachEscalationOnce_AndTellEachPersonOnce()
    {
        await using var env = await SetUpAsync();
        var id = await UrgentAssignedAsync(env);
        var (a, b) = (env.Scanner(), env.Scanner());

        env.Time.Advance(TimeSpan.FromMinutes(65));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).ScanAsync())));
        env.Time.Advance(TimeSpan.FromMinutes(60));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).ScanAsync())));

        Assert.Equal([EscalationKinds.Remind, EscalationKinds.Supervise], await EscalationsAsync(env, id));
        Assert.Equal(["shuji", "yinhui"], await ToldAsync(env, id, NotificationKinds.TaskRemind));
        Assert.Equal(["jiedao", "shuji"], await ToldAsync(env, id, NotificationKinds.TaskSupervise));
    }

    [Fact]
    public async Task TheUniqueKey_RefusesASecondRowForTheSameStageEntryAndKind()
    {
        await using var env = await SetUpAsync();
        var id = await UrgentAssignedAsync(env);
        env.Time.Advance(TimeSpan.FromMinutes(65));
        await env.Scanner().ScanAsync();

        await using var conn = await env.Db.Factory.OpenAsync();
        var error = await Record.ExceptionAsync(() => conn.ExecuteAsync("""
            INSERT INTO TaskEscalation (TaskId, StageEntryId, Stage, Kind, DueAt, EscalatedAt)
            SELECT TaskId, StageEntryId, Stage, Kind, DueAt, EscalatedAt FROM TaskEscalation WHERE TaskId = @id;
            """, new { id }));

        Assert.True(UniqueViolation.Is(error));
    }

    [Fact]
    public async Task The督办List_ShowsTheTaskToTheOfficialAndTheSecretary_NotToALead()
    {
        await using var env = await SetUpAsync();
        var id = await UrgentAssignedAsync(env);
        env.Time.Advance(TimeSpan.FromHours(3));
        await env.Scanner().ScanAsync();
        var list = new SupervisionQueries(env.Db.Factory);

        var official = await list.PageAsync(await env.Db.ActorAsync("jiedao"), "楼道", 1, 20);
        var secretary = await list.PageAsync(await env.Db.ActorAsync("shuji"), null, 1, 50);
        var lead = await list.PageAsync(await env.Db.ActorAsync("yinhui"), null, 1, 20);
        var missed = await list.PageAsync(await env.Db.ActorAsync("jiedao"), "没有这件事", 1, 20);

        Assert.Contains(official.Rows, r => r.TaskId == id && r.Team == "银辉先锋");
        Assert.Contains(secretary.Rows, r => r.TaskId == id);
        Assert.Empty(lead.Rows);
        Assert.Empty(missed.Rows);
    }
}
