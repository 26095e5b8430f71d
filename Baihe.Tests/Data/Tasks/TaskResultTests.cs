using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Tasks;

/// <summary>The result (解决/部分解决/未解决) of 反馈结果 and the four-point rating of 回访 on a real database.</summary>
public class TaskResultTests
{
    private sealed record Env(TestDatabase Db, TaskCommands Tasks, TaskWorkflowQueries Queries, Actor Secretary) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Db.DisposeAsync();

        public async Task<TaskDetail> TaskAsync(int id) => (await Queries.DetailAsync(id))!.Value.Task;

        public async Task<long> VersionAsync(int id) => (await TaskAsync(id)).RowVersion;
    }

    private static async Task<Env> SetUpAsync()
    {
        var db = await TestDatabase.WithAccountsAsync();
        return new Env(db, new TaskCommands(db.Factory, db.Clock, new TaskDueHours()), new TaskWorkflowQueries(db.Factory), await db.ActorAsync("shuji"));
    }

    /// <summary>A task at 分办任务, assigned to team 1 and resident 1.</summary>
    private static async Task<int> AssignedAsync(Env env)
    {
        var s = env.Secretary;
        var id = (await env.Tasks.IntakeAsync(s, new IntakeRequest { GridId = 1, Title = "楼道灯坏了", Description = "三楼楼道灯不亮。", Category = "设施维护", Source = "Hotline" })).Id!.Value;
        Assert.True((await env.Tasks.TriageAsync(s, id, "Normal", "设施维护", await env.VersionAsync(id))).Ok);
        Assert.True((await env.Tasks.AssignAsync(s, id, 1, [1], null, await env.VersionAsync(id))).Ok);
        return id;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Fixed")]
    [InlineData("解决")]
    public async Task AFeedbackWithoutAKnownResult_IsRefusedInChinese_AndWritesNothing(string? result)
    {
        await using var env = await SetUpAsync();
        var id = await AssignedAsync(env);
        var version = await env.VersionAsync(id);

        var refused = await env.Tasks.ResolveAsync(env.Secretary, id, result, "换了灯管", version);

        Assert.Contains("请选择办理结果", refused.Error);
        var task = await env.TaskAsync(id);
        Assert.Equal((TaskCodes.Assigned, (string?)null, version), (task.Stage, task.Result, task.RowVersion));
    }

    [Fact]
    public async Task AFeedback_StoresItsResult_AndAStaleOneIsRefused()
    {
        await using var env = await SetUpAsync();
        var id = await AssignedAsync(env);
        var old = await env.VersionAsync(id);

        Assert.True((await env.Tasks.ResolveAsync(env.Secretary, id, TaskCodes.ResultPartial, "换了灯管，开关还坏着", old)).Ok);
        var stale = await env.Tasks.ConfirmAsync(env.Secretary, id, TaskCodes.ResultResolved, TaskCodes.Satisfied, null, old);

        Assert.Equal(TaskCodes.ResultPartial, (await env.TaskAsync(id)).Result);
        Assert.Equal(CommandResult.StaleMessage, stale.Error);
        Assert.Equal(TaskCodes.Resolved, (await env.TaskAsync(id)).Stage);
    }

    [Theory]
    [InlineData(TaskCodes.ResultResolved, TaskCodes.Satisfied, true)]
    [InlineData(TaskCodes.ResultResolved, TaskCodes.Basic, true)]
    [InlineData(TaskCodes.ResultResolved, TaskCodes.Unrated, true)]
    [InlineData(TaskCodes.ResultResolved, TaskCodes.Dissatisfied, false)]
    [InlineData(TaskCodes.ResultPartial, TaskCodes.Satisfied, false)]
    [InlineData(TaskCodes.ResultUnresolved, TaskCodes.Basic, false)]
    public async Task ACallback_ClosesOnlyASolvedTaskNobodyIsDissatisfiedWith_AndKeepsWhatItRecorded(string result, string rating, bool closes)
    {
        await using var env = await SetUpAsync();
        var id = await AssignedAsync(env);
        Assert.True((await env.Tasks.ResolveAsync(env.Secretary, id, TaskCodes.ResultResolved, "换了灯管", await env.VersionAsync(id))).Ok);

        var done = await env.Tasks.ConfirmAsync(env.Secretary, id, result, rating, "晚上又不亮了", await env.VersionAsync(id));

        Assert.True(done.Ok, done.Error);
        var task = await env.TaskAsync(id);
        Assert.Equal(closes ? TaskCodes.Closed : TaskCodes.Assigned, task.Stage);
        Assert.Equal((result, rating), (task.Result, task.Satisfaction));
        var (_, history, _) = (await env.Queries.DetailAsync(id))!.Value;
        if (!closes)
        {
            var why = result == TaskCodes.ResultPartial ? "问题部分解决" : result == TaskCodes.ResultUnresolved ? "问题未解决" : "居民不满意";
            Assert.StartsWith($"重新分办：{why}", history[^2].Note);
        }
    }

    [Theory]
    [InlineData(TaskCodes.ResultResolved, null, "请选择居民满意度")]
    [InlineData(TaskCodes.ResultResolved, "Happy", "请选择居民满意度")]
    [InlineData("Done", TaskCodes.Satisfied, "请选择回访确认的办理结果")]
    public async Task ACallbackWithAnUnknownCode_IsRefusedInChinese_AndWritesNothing(string? result, string? rating, string message)
    {
        await using var env = await SetUpAsync();
        var id = await AssignedAsync(env);
        Assert.True((await env.Tasks.ResolveAsync(env.Secretary, id, TaskCodes.ResultResolved, "换了灯管", await env.VersionAsync(id))).Ok);
        var version = await env.VersionAsync(id);

        var refused = await env.Tasks.ConfirmAsync(env.Secretary, id, result, rating, null, version);

        Assert.Contains(message, refused.Error);
        var task = await env.TaskAsync(id);
        Assert.Equal((TaskCodes.Resolved, TaskCodes.ResultResolved, (string?)null, version), (task.Stage, task.Result, task.Satisfaction, task.RowVersion));
    }
}
