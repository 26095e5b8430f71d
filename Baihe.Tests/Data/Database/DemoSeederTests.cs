using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Database;

public class DemoSeederTests
{
    [Fact]
    public async Task Seed_IsDeterministicForTheSameDay()
    {
        await using var a = await TestDatabase.SeededAsync();
        await using var b = await TestDatabase.SeededAsync();

        Assert.Equal(await DigestAsync(a), await DigestAsync(b));
    }

    [Theory]
    [InlineData("2026-01-02T01:00:00Z")] // the second day of a year: all 65 and 158 still fit
    [InlineData("2026-07-01T00:00:00Z")]
    [InlineData("2027-12-31T15:00:00Z")] // 23:00 on 31 December in China
    public async Task Seed_OnAnyDay_GivesTheArticlesFiguresForThatYear(string utcNow)
    {
        var now = DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture);
        await using var db = await TestDatabase.SeededAsync(now: now);

        var data = await new OverviewQueries(db.Factory).LoadAsync(1, db.Clock.ThisYear);

        Assert.Equal(65, data.Kpis.TasksDone);
        Assert.Equal(158, data.Kpis.WishesFulfilled);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM ResidentTask WHERE ClosedAt > @now OR CollectedAt > @now;", new { now = db.Clock.Now }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM MicroWish WHERE FulfilledAt > @now;", new { now = db.Clock.Now }));
    }

    [Fact]
    public async Task Seed_ContainsTheZengYiKitchenLeakCase()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var conn = await db.Factory.OpenAsync();

        var task = await conn.QuerySingleAsync<(string Stage, string Resident, string Assignee, string Skill)>("""
            SELECT rt.Stage, r.Name, a.Name, a.Skill
            FROM ResidentTask rt
            JOIN Member r ON r.Id = rt.ResidentId
            JOIN TaskAssignee ta ON ta.TaskId = rt.Id
            JOIN Member a ON a.Id = ta.MemberId
            WHERE rt.Title LIKE '%曾姨%';
            """);

        Assert.Equal("Closed", task.Stage);
        Assert.Equal("曾秀英", task.Resident);
        Assert.Equal("水电维修", task.Skill);
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT IsNeighbourLead FROM Member WHERE Name = @Assignee;", new { task.Assignee }));
    }

    [Fact]
    public async Task Seed_KeepsEveryBalanceAtOrAboveZeroAndEveryTeamWithOneLead()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var conn = await db.Factory.OpenAsync();

        Assert.Equal(0, await conn.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM (SELECT MemberId FROM PointEntry GROUP BY MemberId HAVING SUM(Points) < 0) x;"));
        Assert.True(await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE Source = 'Redemption';") > 0);
        // 12 teams of 百合园社区 and four per sample community.
        Assert.Equal(12 + 4 * DemoSeeder.SampleCommunities.Count, await conn.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM Team t WHERE (SELECT COUNT(*) FROM Membership ms WHERE ms.TeamId = t.Id AND ms.Role = 'Lead' AND ms.LeftOn IS NULL) = 1;"));
        Assert.True(await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Membership WHERE LeftOn IS NOT NULL;") > 0);
    }

    [Fact]
    public async Task Seed_RefusesADatabaseThatHasData()
    {
        await using var db = await TestDatabase.SeededAsync();

        var seeder = new DemoSeeder(db.Factory, db.Clock);

        Assert.False(await seeder.IsEmptyAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedAsync());
    }

    private static async Task<string> DigestAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT group_concat(Name || '|' || Phone, ',') FROM (SELECT Name, Phone FROM Member ORDER BY Id);",
            "SELECT group_concat(Title || '|' || Stage || '|' || CollectedAt, ',') FROM (SELECT Title, Stage, CollectedAt FROM ResidentTask ORDER BY Id);",
            "SELECT group_concat(MemberId || '|' || Points || '|' || OccurredOn, ',') FROM (SELECT MemberId, Points, OccurredOn FROM PointEntry ORDER BY Id);",
        })
        {
            parts.Add(await conn.ExecuteScalarAsync<string>(sql) ?? "");
        }
        return string.Join("\n", parts);
    }
}
