using Baihe.Bench.Scale;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Bench.Scale;

public class ScaleSeederTests
{
    private static readonly ScaleOptions Tiny = new(3, 300, 4000, 200, 300);

    [Fact]
    public async Task TinySet_HasTheSizesAskedFor_AndKeepsEveryConstraint()
    {
        await using var db = await TestDatabase.CreateAsync();

        var loads = await new ScaleSeeder(db.Factory, db.Clock).SeedAsync(Tiny, "not-a-real-hash");

        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Community;"));
        Assert.Equal(300, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Member;"));
        Assert.Equal(4000, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;"));
        Assert.Equal(200, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ResidentTask;"));
        Assert.Equal(300, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM MicroWish;"));
        Assert.Equal(4000, loads.Single(l => l.Table == "PointEntry").Rows);
        Assert.Empty(await conn.QueryAsync("PRAGMA foreign_key_check;"));
        Assert.Equal("ok", await conn.ExecuteScalarAsync<string>("PRAGMA integrity_check;"));
        Assert.Equal("wal", await conn.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task TinySet_IsConsistentWithTheWorkflows()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new ScaleSeeder(db.Factory, db.Clock).SeedAsync(Tiny, "not-a-real-hash");
        await using var conn = await db.Factory.OpenAsync();

        // No balance ever drops below zero: redemptions come after what paid for them.
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM (SELECT MemberId FROM PointEntry GROUP BY MemberId HAVING SUM(Points) < 0);"));
        Assert.True(await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption;") > 0);
        // The ledger is appended in time order, and each correction reverses an earlier service of the same resident.
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM PointEntry a JOIN PointEntry b ON b.Id = a.Id + 1 WHERE b.OccurredOn < a.OccurredOn;"));
        Assert.True(await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE Source = 'Correction';") > 0);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM PointEntry c JOIN PointEntry o ON o.Id = c.ReversesEntryId " +
            "WHERE o.MemberId <> c.MemberId OR o.Points <> -c.Points OR o.Id > c.Id OR c.Source <> 'Correction';"));
        // Every task's timeline starts at 收集 and ends at its current stage; every wish's at its status.
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM ResidentTask rt
            WHERE (SELECT h.ToStage FROM TaskStageHistory h WHERE h.TaskId = rt.Id ORDER BY h.ChangedAt DESC, h.Id DESC LIMIT 1) <> rt.Stage
               OR (SELECT h.ToStage FROM TaskStageHistory h WHERE h.TaskId = rt.Id ORDER BY h.ChangedAt, h.Id LIMIT 1) <> 'Collected';
            """));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM MicroWish w
            WHERE (SELECT h.ToStatus FROM WishStatusHistory h WHERE h.WishId = w.Id ORDER BY h.ChangedAt DESC, h.Id DESC LIMIT 1) <> w.Status;
            """));
        // Every stage and status occurs, and nothing happens after now.
        Assert.Equal(5, await conn.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT Stage) FROM ResidentTask;"));
        Assert.Equal(4, await conn.ExecuteScalarAsync<int>("SELECT COUNT(DISTINCT Status) FROM MicroWish;"));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE OccurredOn > @Now;", new { db.Clock.Now }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ResidentTask WHERE ClosedAt > @Now;", new { db.Clock.Now }));
        // Each team of each community has exactly one active lead.
        Assert.Equal(36, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Membership WHERE Role = 'Lead' AND LeftOn IS NULL;"));
    }

    [Fact]
    public async Task SameDay_SameData()
    {
        await using var a = await TestDatabase.CreateAsync();
        await using var b = await TestDatabase.CreateAsync();
        await new ScaleSeeder(a.Factory, a.Clock).SeedAsync(Tiny, "x");
        await new ScaleSeeder(b.Factory, b.Clock).SeedAsync(Tiny, "x");

        const string fingerprint = "SELECT SUM(Id * Points) || '/' || SUM(MemberId) || '/' || MAX(OccurredOn) FROM PointEntry;";
        await using var ca = await a.Factory.OpenAsync();
        await using var cb = await b.Factory.OpenAsync();
        Assert.Equal(await ca.ExecuteScalarAsync<string>(fingerprint), await cb.ExecuteScalarAsync<string>(fingerprint));
    }

    [Fact]
    public async Task NonEmptyDatabase_IsRefusedAndNothingIsWritten()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var conn = await db.Factory.OpenAsync();
        var before = await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;");

        await Assert.ThrowsAsync<InvalidOperationException>(() => new ScaleSeeder(db.Factory, db.Clock).SeedAsync(Tiny, "x"));

        Assert.Equal(before, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;"));
    }

    [Theory]
    [InlineData("--communities", "0", "--communities 应在")]
    [InlineData("--residents", "10", "--residents 应至少")]
    [InlineData("--ledger", "many", "--ledger 应为非负整数")]
    [InlineData("--colour", "red", "无法识别的参数")]
    public void BadArguments_GetAChineseMessage(string option, string value, string message)
    {
        var (options, _, error) = ScaleSeedCli.Parse(["seed-scale", option, value]);

        Assert.Null(options);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Cli_RefusesAnExistingFile_AndBadUsage()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = new StringWriter();
            Assert.Equal(1, await ScaleSeedCli.RunAsync(["seed-scale", "--communities", "1", "--residents", "60", "--out", file], null!, TextWriter.Null, error));
            Assert.Contains("文件已存在", error.ToString());
            Assert.Equal(2, await ScaleSeedCli.RunAsync(["seed-scale", "--tasks", "-1"], null!, TextWriter.Null, TextWriter.Null));
            Assert.Equal(0, new FileInfo(file).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(30, 3)]
    [InlineData(150, 12)]
    [InlineData(1000, 12)]
    public void Communities_AreSpreadOverAboutADozenPerSubDistrict_AtMostTheDistrictsTwelve(int communities, int subDistricts)
    {
        Assert.Equal(subDistricts, ScaleSeeder.SubDistrictCount(communities));
        var sizes = Enumerable.Range(1, communities).GroupBy(c => ScaleSeeder.SubDistrictOf(c, communities)).Select(g => g.Count()).ToList();
        Assert.Equal(subDistricts, sizes.Count);
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }

    [Fact]
    public async Task ADistrictSizedSet_HasAnOfficialPerSubDistrict_AndTheSummaryOfItsLedger()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new ScaleSeeder(db.Factory, db.Clock).SeedAsync(new ScaleOptions(26, 26 * 50, 3000, 100, 100), "not-a-real-hash");
        await using var conn = await db.Factory.OpenAsync();

        Assert.Equal(3, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SubDistrict WHERE District = '金平区';"));
        Assert.Equal("金东街道", await conn.ExecuteScalarAsync<string>("SELECT s.Name FROM Community c JOIN SubDistrict s ON s.Id = c.SubDistrictId WHERE c.Id = 1;"));
        Assert.Equal([9, 9, 8], (await conn.QueryAsync<int>("SELECT COUNT(*) FROM Community GROUP BY SubDistrictId ORDER BY SubDistrictId;")).ToList());
        Assert.Equal([1, 2, 3], (await conn.QueryAsync<int>("SELECT SubDistrictId FROM AppUser WHERE Role = 'Official' ORDER BY SubDistrictId;")).ToList());
        // The ledger was loaded in bulk, and its summaries computed from it: all say the same.
        Assert.Equal(await conn.ExecuteScalarAsync<long>("SELECT SUM(Points) FROM PointEntry WHERE Points > 0;"),
            await conn.ExecuteScalarAsync<long>("SELECT SUM(Issued) FROM PointSummary;"));
        Assert.Equal(3000, await conn.ExecuteScalarAsync<int>("SELECT SUM(Entries) FROM PointSummary;"));
        Assert.Equal(3000, await conn.ExecuteScalarAsync<int>("SELECT SUM(Entries) FROM PointDaySummary;"));
    }
}
