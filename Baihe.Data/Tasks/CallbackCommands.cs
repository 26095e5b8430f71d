using System.Security.Cryptography;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Points;

namespace Baihe.Data.Tasks;

/// <summary>
/// 回访 sampling: a community's secretary draws a share (<see cref="TaskOptions.CallbackSamplePercent"/>) of last month's
/// closed tasks for a callback, once per community and month, and records each sampled task's callback once. Who may:
/// <see cref="TaskRules.CanSampleCallbacks"/>.
/// </summary>
public sealed class CallbackCommands(DbConnectionFactory db, BaiheClock clock, TaskOptions options)
{
    private const string CommunitySql = "SELECT Id FROM Community WHERE Id = @CommunityId;";

    private const string DrawnSql = "SELECT COUNT(*) FROM CallbackDraw WHERE CommunityId = @CommunityId AND Month = @Month;";

    private const string InsertDrawSql = """
        INSERT INTO CallbackDraw (CommunityId, Month, Seed, SamplePercent, Population, SampleSize, DrawnAt, DrawnByUserId)
        VALUES (@CommunityId, @Month, @Seed, @SamplePercent, @Population, @SampleSize, @DrawnAt, @DrawnByUserId);
        """;

    private const string InsertSampleSql = "INSERT INTO CallbackSample (DrawId, TaskId) VALUES (@DrawId, @TaskId);";

    private const string SampleSql = """
        SELECT s.Id, s.TaskId, d.CommunityId FROM CallbackSample s JOIN CallbackDraw d ON d.Id = s.DrawId WHERE s.Id = @SampleId;
        """;

    // Rating IS NULL makes the record once-only: a second submit (another tab, a double click) changes no row.
    private const string RecordSql = """
        UPDATE CallbackSample SET Rating = @Rating, Note = @Note, RecordedAt = @RecordedAt, RecordedByUserId = @RecordedByUserId
        WHERE Id = @SampleId AND Rating IS NULL;
        """;

    /// <summary>CallbackSample.Note's column length.</summary>
    private const int NoteMax = 200;

    /// <summary>Refused when the month already has its draw.</summary>
    public const string AlreadyDrawn = "本社区上月的回访样本已经抽取，不能重抽。";

    /// <summary>
    /// Draws <paramref name="communityId"/>'s sample of last month's closed tasks with a new random seed, stores the seed
    /// and the drawn tasks, and audits it (the seed, the counts, the task ids). Returns the draw's id. A second draw for
    /// the same month is refused: checked first for the message, and in the end by UQ_CallbackDraw_CommunityMonth, so
    /// two secretaries drawing at once store one draw.
    /// </summary>
    public Task<CommandResult> DrawAsync(Actor actor, int communityId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Tasks", async w =>
        {
            if (await w.ScalarAsync<int?>(CommunitySql, new { CommunityId = communityId }) is null)
            {
                throw await w.DeniedAsync("Task.CallbackDraw", "Community", communityId, null, "找不到这个社区。");
            }
            if (!TaskRules.CanSampleCallbacks(actor, new CallbackScope(communityId)))
            {
                throw await w.DeniedAsync("Task.CallbackDraw", "Community", communityId, null);
            }
            var from = CallbackQueries.LastMonthStart(w.Now);
            var month = CallbackQueries.Key(from);
            if (await w.ScalarAsync<int>(DrawnSql, new { CommunityId = communityId, Month = month }) > 0)
            {
                return CommandResult.Fail(AlreadyDrawn);
            }
            var population = (await w.QueryAsync<int>(CallbackQueries.PopulationSql, new { CommunityId = communityId, From = from, To = from.AddMonths(1) })).ToList();
            if (population.Count == 0)
            {
                return CommandResult.Fail("上月没有办结的诉求，无需抽取回访。");
            }
            var percent = options.CallbackSamplePercent;
            var size = CallbackSampler.SizeOf(population.Count, percent);
            var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
            var drawn = CallbackSampler.Draw(population, seed, size);
            int drawId;
            try
            {
                drawId = await w.InsertAsync(InsertDrawSql, new
                {
                    CommunityId = communityId, Month = month, Seed = seed, SamplePercent = percent, Population = population.Count,
                    SampleSize = size, DrawnAt = w.Now, DrawnByUserId = LedgerCommands.UserId(actor),
                });
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                return CommandResult.Fail(AlreadyDrawn);
            }
            await w.ExecuteAsync(InsertSampleSql, drawn.Select(t => new { DrawId = drawId, TaskId = t }));
            w.Audit("Task.CallbackDraw", "Community", communityId, null,
                new { Month = month, Seed = seed, Percent = percent, Population = population.Count, SampleSize = size, Tasks = drawn });
            return CommandResult.Success(drawId);
        }, ct);

    /// <summary>
    /// Records the callback of one sampled task: <paramref name="rating"/> (<see cref="TaskCodes.Satisfactions"/>) and an
    /// optional note. Once only: a second record, stale or doubled, is refused and writes nothing.
    /// </summary>
    public Task<CommandResult> RecordAsync(Actor actor, int sampleId, string? rating, string? note, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Tasks", async w =>
        {
            var sample = await w.SingleOrDefaultAsync<SampleRow>(SampleSql, new { SampleId = sampleId })
                ?? throw await w.DeniedAsync("Task.CallbackRecord", "CallbackSample", sampleId, new { rating, note }, "找不到这条回访记录。");
            if (!TaskRules.CanSampleCallbacks(actor, new CallbackScope(sample.CommunityId)))
            {
                throw await w.DeniedAsync("Task.CallbackRecord", "ResidentTask", sample.TaskId, new { rating, note });
            }
            if (!TaskCodes.Satisfactions.Contains(rating ?? ""))
            {
                return CommandResult.Fail("请选择回访结果（满意、基本满意、不满意或未评价）。");
            }
            if (TextInput.Check(note, NoteMax, "回访记录", out var text, required: false, multiline: true) is { } error)
            {
                return CommandResult.Fail(error);
            }
            var noteText = text.Length == 0 ? null : text;
            if (await w.ExecuteAsync(RecordSql, new
                {
                    SampleId = sampleId, Rating = rating, Note = noteText, RecordedAt = w.Now, RecordedByUserId = LedgerCommands.UserId(actor),
                }) == 0)
            {
                return CommandResult.Fail("这件诉求的回访结果已经记录，不能重复记录。请刷新查看。");
            }
            w.Audit("Task.CallbackRecord", "ResidentTask", sample.TaskId, null, new { SampleId = sampleId, Rating = rating, Note = noteText });
            return CommandResult.Success(sample.TaskId);
        }, ct);

    private sealed record SampleRow
    {
        public int Id { get; init; }
        public int TaskId { get; init; }
        public int CommunityId { get; init; }
    }
}
