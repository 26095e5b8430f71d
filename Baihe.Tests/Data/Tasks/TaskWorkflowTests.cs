using Baihe.Data.Accounts;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Tasks;

/// <summary>The 民呼我应 loop on a real database.</summary>
public class TaskWorkflowTests
{
    private sealed record Env(TestDatabase Db, TaskCommands Tasks, TaskWorkflowQueries Queries, Actor Secretary) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Db.DisposeAsync();

        public async Task<TaskDetail> TaskAsync(int id) => (await Queries.DetailAsync(id))!.Value.Task;
    }

    private static async Task<Env> SetUpAsync(TaskDueHours? hours = null)
    {
        var db = await TestDatabase.WithAccountsAsync();
        return new Env(db, new TaskCommands(db.Factory, db.Clock, hours ?? new TaskDueHours()), new TaskWorkflowQueries(db.Factory), await db.ActorAsync("shuji"));
    }

    private static IntakeRequest Call(string title = "楼道灯不亮") =>
        new() { GridId = 1, Title = title, Description = $"{title}，请处理。", Category = "设施维护", Source = "Hotline" };

    [Fact]
    public async Task ATask_GoesThroughTheLoopInOrder_AndEveryStepIsInTheTimeline()
    {
        await using var env = await SetUpAsync();
        var s = env.Secretary;
        var id = (await env.Tasks.IntakeAsync(s, Call())).Id!.Value;

        var feedbackTooEarly = await env.Tasks.ResolveAsync(s, id, TaskCodes.ResultResolved, "已修好", (await env.TaskAsync(id)).RowVersion);
        var assignTooEarly = await env.Tasks.AssignAsync(s, id, 1, [], null, (await env.TaskAsync(id)).RowVersion);
        Assert.Contains("尚未分办", feedbackTooEarly.Error);
        Assert.Contains("请先研判", assignTooEarly.Error);

        Assert.True((await env.Tasks.TriageAsync(s, id, "High", "设施维护", (await env.TaskAsync(id)).RowVersion)).Ok);
        Assert.True((await env.Tasks.AssignAsync(s, id, 1, [1], null, (await env.TaskAsync(id)).RowVersion)).Ok);
        Assert.True((await env.Tasks.ResolveAsync(s, id, TaskCodes.ResultResolved, "更换灯管", (await env.TaskAsync(id)).RowVersion)).Ok);
        Assert.True((await env.Tasks.ConfirmAsync(s, id, TaskCodes.ResultResolved, "Satisfied", null, (await env.TaskAsync(id)).RowVersion)).Ok);

        var (task, history, _) = (await env.Queries.DetailAsync(id))!.Value;
        Assert.Equal(TaskCodes.Closed, task.Stage);
        Assert.Equal(env.Db.Clock.Now, task.ClosedAt);
        Assert.Equal(["Collected", "Identified", "Assigned", "Resolved", "Closed"], history.Select(h => h.ToStage));
        Assert.Equal([null, "Collected", "Identified", "Assigned", "Resolved"], history.Select(h => h.FromStage));
        Assert.All(history, h => Assert.Equal("社区书记（演示）", h.ChangedBy));
    }

    [Theory]
    [InlineData(false, "Satisfied")]   // the fix did not hold
    [InlineData(true, "Dissatisfied")] // fixed, but the resident is not satisfied
    public async Task NotFixedOrDissatisfied_ReopensTheTask_AndItDoesNotCountAsDone(bool fixedByResident, string satisfaction)
    {
        await using var env = await SetUpAsync();
        var s = env.Secretary;
        var id = (await env.Tasks.IntakeAsync(s, Call())).Id!.Value;
        await env.Tasks.TriageAsync(s, id, "Normal", "设施维护", (await env.TaskAsync(id)).RowVersion);
        await env.Tasks.AssignAsync(s, id, 1, [], null, (await env.TaskAsync(id)).RowVersion);
        await env.Tasks.ResolveAsync(s, id, TaskCodes.ResultResolved, "换了灯泡", (await env.TaskAsync(id)).RowVersion);

        var result = await env.Tasks.ConfirmAsync(s, id, fixedByResident ? TaskCodes.ResultResolved : TaskCodes.ResultUnresolved, satisfaction, "第二天又坏了", (await env.TaskAsync(id)).RowVersion);

        Assert.True(result.Ok);
        var task = await env.TaskAsync(id);
        Assert.Equal(TaskCodes.Assigned, task.Stage);
        Assert.Null(task.ClosedAt);
        var month = env.Db.Clock.Today.Year * 100 + env.Db.Clock.Today.Month;
        var rates = (await env.Queries.RatesAsync(1, env.Db.Clock.ThisYear)).Single(r => r.Month == month);
        Assert.True(rates.Reopens >= 1);

        // After a second visit it can close properly.
        await env.Tasks.ResolveAsync(s, id, TaskCodes.ResultResolved, "换了整套灯具", (await env.TaskAsync(id)).RowVersion);
        Assert.True((await env.Tasks.ConfirmAsync(s, id, TaskCodes.ResultResolved, "Basic", null, (await env.TaskAsync(id)).RowVersion)).Ok);
        Assert.Equal(TaskCodes.Closed, (await env.TaskAsync(id)).Stage);
    }

    [Theory]
    [InlineData("Urgent", 2)]
    [InlineData("High", 24)]
    [InlineData("Normal", 72)]
    public async Task DueTime_FollowsTheUrgency(string urgency, int hours)
    {
        await using var env = await SetUpAsync();
        var id = (await env.Tasks.IntakeAsync(env.Secretary, Call())).Id!.Value;

        await env.Tasks.TriageAsync(env.Secretary, id, urgency, "设施维护", (await env.TaskAsync(id)).RowVersion);

        Assert.Equal(env.Db.Clock.Now.AddHours(hours), (await env.TaskAsync(id)).DueAt);
    }

    [Fact]
    public async Task DueHours_AreConfigurable_AndOverdueIsFlaggedWhenTheTimeHasPassed()
    {
        await using var env = await SetUpAsync(new TaskDueHours(Urgent: 1));
        var id = (await env.Tasks.IntakeAsync(env.Secretary, Call("燃气味道"))).Id!.Value;
        await env.Tasks.TriageAsync(env.Secretary, id, "Urgent", "安全隐患", (await env.TaskAsync(id)).RowVersion);
        var due = (await env.TaskAsync(id)).DueAt!.Value;

        var justBefore = await env.Queries.OverdueAsync(1, due.AddSeconds(-1));
        var justAfter = await env.Queries.OverdueAsync(1, due.AddSeconds(1));

        Assert.Equal(env.Db.Clock.Now.AddHours(1), due);
        Assert.DoesNotContain(justBefore, t => t.Id == id);
        Assert.Contains(justAfter, t => t.Id == id);
    }

    [Fact]
    public async Task Credits_ReachTheLedgerExactlyOnce()
    {
        await using var env = await SetUpAsync();
        var s = env.Secretary;
        var id = (await env.Tasks.IntakeAsync(s, Call())).Id!.Value;
        await env.Tasks.TriageAsync(s, id, "High", "设施维护", (await env.TaskAsync(id)).RowVersion);
        await env.Tasks.AssignAsync(s, id, null, [1, 2], null, (await env.TaskAsync(id)).RowVersion);
        var early = await env.Tasks.CreditAsync(s, id, [1, 2]);
        await env.Tasks.ResolveAsync(s, id, TaskCodes.ResultResolved, "修好了", (await env.TaskAsync(id)).RowVersion);
        await env.Tasks.ConfirmAsync(s, id, TaskCodes.ResultResolved, "Satisfied", null, (await env.TaskAsync(id)).RowVersion);

        var first = await env.Tasks.CreditAsync(s, id, [1, 2]);
        var again = await env.Tasks.CreditAsync(s, id, [1, 2]);

        Assert.Contains("办结后", early.Error);
        Assert.Equal(2, first.Id);
        Assert.Equal(0, again.Id);
        await using var conn = await env.Db.Factory.OpenAsync();
        var rows = (await conn.QueryAsync<(long MemberId, long Points, long CategoryId)>(
            "SELECT MemberId, Points, CategoryId FROM PointEntry WHERE TaskId = @id ORDER BY MemberId;", new { id })).ToList();
        Assert.Equal([(1L, 1L, 3L), (2L, 1L, 3L)], rows);
        Assert.All((await env.Queries.DetailAsync(id))!.Value.Assignees, a => Assert.True(a.Credited));
    }

    [Fact]
    public async Task BadIntake_IsRefusedWithAClearMessageAndWritesNothing()
    {
        await using var env = await SetUpAsync();
        var before = await CountAsync(env.Db);

        var empty = await env.Tasks.IntakeAsync(env.Secretary, Call() with { Description = "   " });
        var unknownGrid = await env.Tasks.IntakeAsync(env.Secretary, Call() with { GridId = 0 });
        var badCategory = await env.Tasks.IntakeAsync(env.Secretary, Call() with { Category = "外星人" });
        var badSource = await env.Tasks.IntakeAsync(env.Secretary, Call() with { Source = "Pigeon" });

        Assert.Contains("请填写诉求内容", empty.Error);
        Assert.Contains("请选择所在网格", unknownGrid.Error);
        Assert.Contains("请选择诉求类别", badCategory.Error);
        Assert.Contains("请选择诉求来源", badSource.Error);
        Assert.Equal(before, await CountAsync(env.Db));
    }

    [Fact]
    public async Task AForeignOrUnknownTask_IsRefusedAndAudited_AndNothingElseIsWritten()
    {
        await using var env = await SetUpAsync();
        await ForeignCommunity.SeedAsync(env.Db);
        var s = env.Secretary;
        var before = await ForeignCommunity.EverythingElseAsync(env.Db);

        var foreign = await Assert.ThrowsAsync<AccessDeniedException>(() => env.Tasks.TriageAsync(s, ForeignCommunity.TaskId, "High", "其他", 1));
        var unknown = await Assert.ThrowsAsync<AccessDeniedException>(() => env.Tasks.ResolveAsync(s, 9999, TaskCodes.ResultResolved, "已处理", 1));
        var unknownCredit = await Assert.ThrowsAsync<AccessDeniedException>(() => env.Tasks.CreditAsync(s, 9999, [1]));

        Assert.Equal(AccessDeniedException.DefaultMessage, foreign.Message);
        Assert.Equal("找不到这件诉求。", unknown.Message);
        Assert.Equal("找不到这件诉求。", unknownCredit.Message);
        Assert.Equal([("ResidentTask", "900")], await ForeignCommunity.DenialsAsync(env.Db, "Task.Triage"));
        Assert.Equal([("ResidentTask", "9999")], await ForeignCommunity.DenialsAsync(env.Db, "Task.Resolve"));
        Assert.Equal([("ResidentTask", "9999")], await ForeignCommunity.DenialsAsync(env.Db, "Task.Credit"));
        Assert.Equal(before, await ForeignCommunity.EverythingElseAsync(env.Db));
    }

    [Fact]
    public async Task AnUnknownGrid_IsRefusedAndAudited_ForACallAndForAWish_NotTakenForAnEmptyChoice()
    {
        await using var env = await SetUpAsync();
        var before = await ForeignCommunity.EverythingElseAsync(env.Db);
        var wishes = new Baihe.Data.Wishes.WishCommands(env.Db.Factory, env.Db.Clock);

        var call = await Assert.ThrowsAsync<AccessDeniedException>(() => env.Tasks.IntakeAsync(env.Secretary, Call() with { GridId = 999 }));
        var wish = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            wishes.PublishAsync(env.Secretary, new Baihe.Data.Wishes.WishInput(999, "曾姨", "Elderly", "想要一台收音机", 50)));

        Assert.Equal("找不到这个网格。", call.Message);
        Assert.Equal("找不到这个网格。", wish.Message);
        Assert.Equal([("Grid", "999")], await ForeignCommunity.DenialsAsync(env.Db, "Task.Intake"));
        Assert.Equal([("Grid", "999")], await ForeignCommunity.DenialsAsync(env.Db, "Wish.Publish"));
        Assert.Equal(before, await ForeignCommunity.EverythingElseAsync(env.Db));
    }

    [Fact]
    public async Task AForeignTeamOrResident_IsRefusedAndAudited_AndNothingElseIsWritten()
    {
        await using var env = await SetUpAsync();
        await ForeignCommunity.SeedAsync(env.Db);
        var s = env.Secretary;
        var id = (await env.Tasks.IntakeAsync(s, Call())).Id!.Value;
        await env.Tasks.TriageAsync(s, id, "Normal", "设施维护", (await env.TaskAsync(id)).RowVersion);
        var closed = (await env.Tasks.IntakeAsync(s, Call("水管爆裂"))).Id!.Value;
        await env.Tasks.TriageAsync(s, closed, "Urgent", "水电维修", (await env.TaskAsync(closed)).RowVersion);
        await env.Tasks.AssignAsync(s, closed, null, [1], null, (await env.TaskAsync(closed)).RowVersion);
        await env.Tasks.ResolveAsync(s, closed, TaskCodes.ResultResolved, "修好了", (await env.TaskAsync(closed)).RowVersion);
        await env.Tasks.ConfirmAsync(s, closed, TaskCodes.ResultResolved, "Satisfied", null, (await env.TaskAsync(closed)).RowVersion);
        var before = await ForeignCommunity.EverythingElseAsync(env.Db);
        var version = (await env.TaskAsync(id)).RowVersion;

        var team = await Assert.ThrowsAsync<AccessDeniedException>(() => env.Tasks.AssignAsync(s, id, ForeignCommunity.TeamId, [], null, version));
        var unknownTeam = await Assert.ThrowsAsync<AccessDeniedException>(() => env.Tasks.AssignAsync(s, id, 9999, [], null, version));
        var assignee = await Assert.ThrowsAsync<AccessDeniedException>(() => env.Tasks.AssignAsync(s, id, 1, [1, ForeignCommunity.MemberId], null, version));
        // The first resident is of this community: the refusal of the second must not leave the first credited.
        var credit = await Assert.ThrowsAsync<AccessDeniedException>(() => env.Tasks.CreditAsync(s, closed, [1, ForeignCommunity.MemberId]));
        var caller = await Assert.ThrowsAsync<AccessDeniedException>(() => env.Tasks.IntakeAsync(s, Call("另一件事") with { ResidentId = ForeignCommunity.MemberId }));

        Assert.Equal("找不到这支队伍。", team.Message);
        Assert.Equal("找不到这支队伍。", unknownTeam.Message);
        Assert.Equal("找不到这位居民。", assignee.Message);
        Assert.Equal("找不到这位居民。", credit.Message);
        Assert.Equal("找不到这位居民。", caller.Message);
        Assert.Equal([("Team", "900"), ("Team", "9999"), ("Member", "900")], await ForeignCommunity.DenialsAsync(env.Db, "Task.Assign"));
        Assert.Equal([("Member", "900")], await ForeignCommunity.DenialsAsync(env.Db, "Task.Credit"));
        Assert.Equal([("Member", "900")], await ForeignCommunity.DenialsAsync(env.Db, "Task.Intake"));
        Assert.Equal(before, await ForeignCommunity.EverythingElseAsync(env.Db));
        Assert.Equal(TaskCodes.Identified, (await env.TaskAsync(id)).Stage);
    }

    [Fact]
    public async Task TheLeadOfTheAssignedTeam_MayReportTheResult_ButNoOtherStep()
    {
        var lead = new Actor(7, "lead", Roles.Lead, null, 1, 5);
        var task = new TaskScope(1, 5);
        var otherTeams = new TaskScope(1, 6);

        Assert.True(TaskRules.CanResolve(lead, task));
        Assert.False(TaskRules.CanResolve(lead, otherTeams));
        Assert.False(TaskRules.CanTriage(lead, task) || TaskRules.CanAssign(lead, task) || TaskRules.CanConfirm(lead, task) || TaskRules.CanCredit(lead, task));
        Assert.True(TaskRules.CanIntake(lead, new IntakeScope(1, 1)));
        Assert.False(TaskRules.CanIntake(lead, new IntakeScope(1, 2)));
    }

    [Fact]
    public async Task ASimilarOpenTask_IsFlaggedAsAPossibleDuplicate()
    {
        await using var env = await SetUpAsync();
        var first = await env.Tasks.IntakeAsync(env.Secretary, Call("三楼漏水"));

        var second = await env.Tasks.IntakeAsync(env.Secretary, Call("三楼漏水"));
        var confirmed = await env.Tasks.IntakeAsync(env.Secretary, Call("三楼漏水") with { ConfirmDuplicate = true });

        Assert.True(first.Ok);
        Assert.Contains("可能重复", second.Warning);
        Assert.Equal(first.Id, second.Id);
        Assert.True(confirmed.Ok);
    }

    [Fact]
    public async Task AStaleStageChange_IsRefused()
    {
        await using var env = await SetUpAsync();
        var id = (await env.Tasks.IntakeAsync(env.Secretary, Call())).Id!.Value;
        var seen = (await env.TaskAsync(id)).RowVersion;
        await env.Tasks.TriageAsync(env.Secretary, id, "High", "设施维护", seen);
        // A second secretary's screen still shows the task as collected.
        var stale = await env.Tasks.TriageAsync(env.Secretary, id, "Urgent", "设施维护", seen);

        Assert.Contains("只有“收集信息”阶段", stale.Error);
        Assert.Equal("High", (await env.TaskAsync(id)).Urgency);
    }

    [Fact]
    public async Task SeededRates_AreComputedFromTheHistory()
    {
        await using var env = await SetUpAsync();

        var rates = await env.Queries.RatesAsync(1, env.Db.Clock.ThisYear);

        Assert.Equal(12, rates.Count);
        Assert.True(rates.Sum(r => r.Received) >= 65);
        Assert.Equal(65, rates.Sum(r => r.Closed));
        Assert.All(rates.Where(r => r.Received > 0), r => Assert.InRange(r.CloseRate!.Value, 0, 1));
        // Most demo tasks close within their due time, some late.
        Assert.InRange(rates.Sum(r => r.OnTime) / 65.0, 0.6, 0.99);
        // The demo data reopens a few tasks once before they close, so satisfaction is high but not perfect.
        Assert.InRange(rates.Sum(r => r.Reopens), 1, 20);
        Assert.All(rates.Where(r => r.Closed > 0), r => Assert.InRange(r.SatisfactionRate!.Value, 0.3, 1.0));
    }

    private static async Task<(int Tasks, int History)> CountAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ResidentTask;"), await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TaskStageHistory;"));
    }
}
