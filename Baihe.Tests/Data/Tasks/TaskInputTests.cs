using Baihe.Data.Accounts;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Tasks;

/// <summary>
/// What a 民呼我应 task accepts at the door: text that fits its SQL Server column unchanged, or a Chinese refusal and
/// nothing written. SQLite would store anything, so these tests check lengths and characters themselves.
/// </summary>
public class TaskInputTests
{
    private const string Emoji = "😀"; // two UTF-16 units

    private sealed record Env(TestDatabase Db, TaskCommands Tasks, TaskWorkflowQueries Queries, Actor Secretary) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Db.DisposeAsync();

        public async Task<long> VersionAsync(int id) => (await Queries.DetailAsync(id))!.Value.Task.RowVersion;
    }

    private static async Task<Env> SetUpAsync()
    {
        var db = await TestDatabase.WithAccountsAsync();
        return new Env(db, new TaskCommands(db.Factory, db.Clock, new TaskDueHours()), new TaskWorkflowQueries(db.Factory), await db.ActorAsync("shuji"));
    }

    private static IntakeRequest Call(string? title = "楼道灯不亮", string description = "楼道灯不亮，请处理。") =>
        new() { GridId = 1, Title = title, Description = description, Category = "设施维护", Source = "Hotline" };

    private static async Task<(int Tasks, int History, int Points)> CountAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ResidentTask;"),
            await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM TaskStageHistory;"),
            await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;"));
    }

    private static async Task<int> AssignedAsync(Env env)
    {
        var s = env.Secretary;
        var id = (await env.Tasks.IntakeAsync(s, Call())).Id!.Value;
        Assert.True((await env.Tasks.TriageAsync(s, id, "Normal", "设施维护", await env.VersionAsync(id))).Ok);
        Assert.True((await env.Tasks.AssignAsync(s, id, 1, [1, 2], null, await env.VersionAsync(id))).Ok);
        return id;
    }

    [Fact]
    public async Task TooLongOrBrokenIntakeText_IsRefusedWithTheFieldAndItsLimit_AndWritesNothing()
    {
        await using var env = await SetUpAsync();
        var before = await CountAsync(env.Db);

        var longTitle = await env.Tasks.IntakeAsync(env.Secretary, Call(title: new string('灯', 101)));
        var longDescription = await env.Tasks.IntakeAsync(env.Secretary, Call(description: new string('灯', 1001)));
        var nonCharacter = await env.Tasks.IntakeAsync(env.Secretary, Call(description: "楼道灯\uFFFF不亮"));
        var loneSurrogate = await env.Tasks.IntakeAsync(env.Secretary, Call(title: "楼道灯\uD83D"));
        var controlInTitle = await env.Tasks.IntakeAsync(env.Secretary, Call(title: "楼道\u0007灯"));

        Assert.Equal("「标题」不能超过 100 字（现为 101 字；表情符号按 2 字计）。", longTitle.Error);
        Assert.Contains("「诉求内容」不能超过 1000 字", longDescription.Error);
        Assert.Contains("「诉求内容」包含无法保存的字符", nonCharacter.Error);
        Assert.Contains("「标题」包含无法保存的字符", loneSurrogate.Error);
        Assert.Contains("「标题」不能包含控制字符", controlInTitle.Error);
        Assert.Equal(before, await CountAsync(env.Db));
    }

    [Fact]
    public async Task TextAtExactlyTheColumnLength_IsStoredUnchanged()
    {
        await using var env = await SetUpAsync();
        var title = new string('灯', 98) + Emoji; // 100 UTF-16 units
        var description = new string('灯', 998) + Emoji;

        var id = (await env.Tasks.IntakeAsync(env.Secretary, Call(title, description))).Id!.Value;

        var task = (await env.Queries.DetailAsync(id))!.Value.Task;
        Assert.Equal(title, task.Title);
        Assert.Equal(description, task.Description);
    }

    [Fact]
    public async Task AnAutomaticTitle_NeverSplitsAnEmoji_AndStopsAtTheFirstLine()
    {
        await using var env = await SetUpAsync();
        var straddling = new string('灯', 19) + Emoji + "后面的内容"; // the emoji occupies units 20 and 21

        var cut = (await env.Tasks.IntakeAsync(env.Secretary, Call(title: null, description: straddling))).Id!.Value;
        var multiLine = await env.Tasks.IntakeAsync(env.Secretary, Call(title: "  ", description: "路灯坏了\n已经一周没人修"));

        var title = (await env.Queries.DetailAsync(cut))!.Value.Task.Title;
        Assert.Equal(new string('灯', 19), title);
        Assert.DoesNotContain('\uFFFD', title);
        Assert.True(multiLine.Ok, multiLine.Error);
        Assert.Equal("路灯坏了", (await env.Queries.DetailAsync(multiLine.Id!.Value))!.Value.Task.Title);
    }

    [Fact]
    public async Task AResolutionNote_IsCutAtACharacterBoundary_NeverIntoAHalfEmoji()
    {
        await using var env = await SetUpAsync();
        var id = await AssignedAsync(env);
        var resolution = new string('修', 199) + Emoji + new string('好', 50);

        Assert.True((await env.Tasks.ResolveAsync(env.Secretary, id, TaskCodes.ResultResolved, resolution, await env.VersionAsync(id))).Ok);

        var (task, history, _) = (await env.Queries.DetailAsync(id))!.Value;
        Assert.Equal(resolution, task.Resolution);
        Assert.Equal(new string('修', 199), history.Last().Note);
    }

    [Fact]
    public async Task AReopenNote_FitsTheHistoryColumn_AndATooLongNoteIsRefused()
    {
        await using var env = await SetUpAsync();
        var id = await AssignedAsync(env);
        Assert.True((await env.Tasks.ResolveAsync(env.Secretary, id, TaskCodes.ResultResolved, "换了灯泡", await env.VersionAsync(id))).Ok);
        var before = await CountAsync(env.Db);

        var tooLong = await env.Tasks.ConfirmAsync(env.Secretary, id, TaskCodes.ResultUnresolved, "Satisfied", new string('坏', 500), await env.VersionAsync(id));
        Assert.Contains("「回访记录」不能超过 480 字", tooLong.Error);
        Assert.Equal(before, await CountAsync(env.Db));

        var atLimit = await env.Tasks.ConfirmAsync(env.Secretary, id, TaskCodes.ResultUnresolved, "Satisfied", new string('坏', 480), await env.VersionAsync(id));
        Assert.True(atLimit.Ok, atLimit.Error);
        var note = (await env.Queries.DetailAsync(id))!.Value.History.Last(h => h.FromStage == TaskCodes.Resolved).Note!;
        Assert.InRange(note.Length, 1, 500);
        Assert.EndsWith(new string('坏', 480), note);
    }

    [Fact]
    public async Task ADueDate_BeforeNowOrMoreThanAYearAhead_IsRefused()
    {
        await using var env = await SetUpAsync();
        var id = (await env.Tasks.IntakeAsync(env.Secretary, Call())).Id!.Value;
        Assert.True((await env.Tasks.TriageAsync(env.Secretary, id, "Normal", "设施维护", await env.VersionAsync(id))).Ok);
        var now = env.Db.Clock.Now;

        var past = await env.Tasks.AssignAsync(env.Secretary, id, 1, [], new DateTime(1999, 12, 31), await env.VersionAsync(id));
        var farFuture = await env.Tasks.AssignAsync(env.Secretary, id, 1, [], new DateTime(9999, 12, 31), await env.VersionAsync(id));
        var inAYear = await env.Tasks.AssignAsync(env.Secretary, id, 1, [], now.AddYears(1), await env.VersionAsync(id));

        Assert.Equal("办理期限不能早于现在。", past.Error);
        Assert.Equal("办理期限不能晚于一年之后。", farFuture.Error);
        Assert.True(inAYear.Ok, inAYear.Error);
    }

    [Fact]
    public async Task ACreditThatAnotherUserRecordedFirst_IsRefusedWithAChineseMessage_AndWritesNothing()
    {
        await using var env = await SetUpAsync();
        var s = env.Secretary;
        var id = await AssignedAsync(env);
        Assert.True((await env.Tasks.ResolveAsync(s, id, TaskCodes.ResultResolved, "修好了", await env.VersionAsync(id))).Ok);
        Assert.True((await env.Tasks.ConfirmAsync(s, id, TaskCodes.ResultResolved, "Satisfied", null, await env.VersionAsync(id))).Ok);
        await using (var conn = await env.Db.Factory.OpenAsync())
        {
            // Another user's credit lands between this command's "already credited?" check and its insert, as it can
            // on SQL Server where both transactions read before either writes: the unique index is the last guard.
            await conn.ExecuteAsync("""
                CREATE TRIGGER RaceCredit BEFORE INSERT ON PointEntry WHEN NEW.Source = 'Task'
                BEGIN
                    INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RuleId, TaskId, RecordedAt, Note)
                    VALUES (NEW.MemberId, NEW.CategoryId, NEW.Points, NEW.OccurredOn, 'Task', NEW.RuleId, NEW.TaskId, NEW.RecordedAt, 'race');
                END;
                """);
        }
        var before = await CountAsync(env.Db);

        var result = await env.Tasks.CreditAsync(s, id, [1, 2]);

        Assert.False(result.Ok);
        Assert.Equal("志愿者已由他人同时记分，请刷新后查看。", result.Error);
        Assert.Equal(before, await CountAsync(env.Db));
    }
}
