using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Tasks;

/// <summary>回访 sampling on a real database: the draw is reproducible, audited and once a month; a callback is recorded once.</summary>
public class CallbackTests
{
    [Fact]
    public void TheSameSeedAndTheSameTasks_GiveTheSameSample_WhateverOrderTheyCameIn()
    {
        var ids = Enumerable.Range(100, 40).ToList();
        var shuffled = ids.AsEnumerable().Reverse().ToList();

        var first = CallbackSampler.Draw(ids, 12345, 12);
        Assert.Equal(first, CallbackSampler.Draw(shuffled, 12345, 12));
        Assert.Equal(12, first.Count);
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.All(first, id => Assert.Contains(id, ids));
        // Another seed draws another sample (for these 40 tasks and these two seeds; checked once, fixed here).
        Assert.NotEqual(first, CallbackSampler.Draw(ids, 54321, 12));
        // The algorithm is ours, not System.Random's: this exact sample (worked out once with SplitMix64 and Fisher–Yates
        // outside the app) must never change between runtimes.
        Assert.Equal([103, 108, 109, 110, 113, 114, 118, 120, 121, 133, 134, 136], first);
    }

    [Theory]
    [InlineData(0, 30, 0)]
    [InlineData(1, 30, 1)]
    [InlineData(10, 30, 3)]
    [InlineData(11, 30, 4)]
    [InlineData(7, 100, 7)]
    public void TheSampleSize_RoundsUp_AndTakesAtLeastOne(int population, int percent, int expected) =>
        Assert.Equal(expected, CallbackSampler.SizeOf(population, percent));

    private static async Task<(TestDatabase Db, CallbackCommands Commands, CallbackQueries Queries, int LastMonthClosed)> SetUpAsync()
    {
        var db = await TestDatabase.WithAccountsAsync();
        var options = new TaskOptions(CallbackSamplePercent: 30);
        await using var conn = await db.Factory.OpenAsync();
        var from = new DateTime(db.Clock.Now.Year, db.Clock.Now.Month, 1).AddMonths(-1);
        var closed = await conn.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
            WHERE g.CommunityId = 1 AND rt.Stage = 'Closed' AND rt.ClosedAt >= @from AND rt.ClosedAt < @to;
            """, new { from, to = from.AddMonths(1) });
        return (db, new CallbackCommands(db.Factory, db.Clock, options), new CallbackQueries(db.Factory, db.Clock, options), closed);
    }

    [Fact]
    public async Task ADraw_TakesThePercentOfLastMonthsClosedTasks_StoresTheSeed_AndCanBeRepeatedFromIt()
    {
        var (db, commands, queries, closed) = await SetUpAsync();
        await using var _ = db;
        Assert.True(closed >= 4, $"the demo closes {closed} tasks last month");
        var secretary = await db.ActorAsync("shuji");
        var before = await queries.PreviewAsync(1);
        Assert.Equal((closed, CallbackSampler.SizeOf(closed, 30), (int?)null), (before.Population, before.SampleSize, before.DrawId));

        var result = await commands.DrawAsync(secretary, 1);

        Assert.True(result.Ok, result.Error);
        var draw = await queries.PreviewAsync(1);
        Assert.Equal((result.Id, closed, CallbackSampler.SizeOf(closed, 30), 30), (draw.DrawId, draw.Population, draw.SampleSize, draw.SamplePercent));
        var lines = await queries.LinesAsync(1, draw.Month, null);
        Assert.Equal(draw.SampleSize, lines.Count);
        // Reproducible: last month's closed tasks and the stored seed give the same tasks again.
        await using var conn = await db.Factory.OpenAsync();
        var from = new DateTime(draw.Month / 100, draw.Month % 100, 1);
        var population = await conn.QueryAsync<int>("""
            SELECT rt.Id FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
            WHERE g.CommunityId = 1 AND rt.Stage = 'Closed' AND rt.ClosedAt >= @from AND rt.ClosedAt < @to;
            """, new { from, to = from.AddMonths(1) });
        Assert.Equal(CallbackSampler.Draw(population, draw.Seed!.Value, draw.SampleSize), lines.Select(l => l.TaskId));
        // Audited with the seed and the tasks.
        var audit = await conn.QuerySingleAsync<string>("SELECT AfterJson FROM AuditLog WHERE Action = 'Task.CallbackDraw';");
        Assert.Contains($"\"Seed\":{draw.Seed}", audit);
        // Searchable by title.
        Assert.Equal([lines[0].TaskId], (await queries.LinesAsync(1, draw.Month, lines[0].Title)).Select(l => l.TaskId).Where(id => id == lines[0].TaskId));
    }

    [Fact]
    public async Task ASecondDraw_IsRefusedInChinese_EvenWhenTwoStartTogether_AndWritesNothing()
    {
        var (db, commands, queries, _) = await SetUpAsync();
        await using var __ = db;
        var secretary = await db.ActorAsync("shuji");

        var both = await Task.WhenAll(commands.DrawAsync(secretary, 1), commands.DrawAsync(secretary, 1));
        var again = await commands.DrawAsync(secretary, 1);

        Assert.Equal(1, both.Count(r => r.Ok));
        Assert.Equal(CallbackCommands.AlreadyDrawn, both.Single(r => !r.Ok).Error);
        Assert.Equal(CallbackCommands.AlreadyDrawn, again.Error);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM CallbackDraw;"));
        Assert.Equal((await queries.PreviewAsync(1)).SampleSize, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM CallbackSample;"));
    }

    [Fact]
    public async Task OnlyTheCommunitysSecretary_MayDraw_AndARefusalIsAudited()
    {
        var (db, commands, _, _) = await SetUpAsync();
        await using var __ = db;

        await Assert.ThrowsAsync<AccessDeniedException>(() => commands.DrawAsync(db.ActorAsync("jiedao").Result, 1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => commands.DrawAsync(db.ActorAsync("jinjiejie").Result, 1));
        var unknown = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.DrawAsync(db.ActorAsync("shuji").Result, 9999));

        Assert.Equal("找不到这个社区。", unknown.Message);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM CallbackDraw;"));
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Task.CallbackDraw';"));
    }

    [Fact]
    public async Task ACallback_IsRecordedOnce_ABadRatingIsRefusedInChinese_AndADoubleSubmitWritesOnce()
    {
        var (db, commands, queries, _) = await SetUpAsync();
        await using var __ = db;
        var secretary = await db.ActorAsync("shuji");
        Assert.True((await commands.DrawAsync(secretary, 1)).Ok);
        var line = (await queries.LinesAsync(1, queries.LastMonth, null))[0];

        var bad = await commands.RecordAsync(secretary, line.SampleId, "Happy", "居民很高兴");
        var none = await commands.RecordAsync(secretary, line.SampleId, null, null);
        var twice = await Task.WhenAll(
            commands.RecordAsync(secretary, line.SampleId, TaskCodes.Basic, "灯修好了，晚上有点暗"),
            commands.RecordAsync(secretary, line.SampleId, TaskCodes.Dissatisfied, "另一个标签页"));
        var forged = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.RecordAsync(secretary, 999999, TaskCodes.Satisfied, null));

        Assert.Contains("请选择回访结果", bad.Error);
        Assert.Contains("请选择回访结果", none.Error);
        Assert.Equal(1, twice.Count(r => r.Ok));
        Assert.Contains("已经记录", twice.Single(r => !r.Ok).Error);
        Assert.Equal("找不到这条回访记录。", forged.Message);
        var recorded = (await queries.LinesAsync(1, queries.LastMonth, null)).Single(l => l.SampleId == line.SampleId);
        Assert.NotNull(recorded.Rating);
        Assert.Equal(recorded.Rating == TaskCodes.Basic ? "灯修好了，晚上有点暗" : "另一个标签页", recorded.Note);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Task.CallbackRecord';"));
    }
}
