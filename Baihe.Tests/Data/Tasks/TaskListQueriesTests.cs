using Baihe.Data.Database;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Tasks;

public class TaskListQueriesTests
{
    private const int Community = 1;

    [Fact]
    public async Task EveryFilter_NarrowsToTheTasksThatMatchIt_AndCountsThemAll()
    {
        await using var db = await TestDatabase.SeededAsync();
        var all = await AllPagesAsync(db, TaskListFilter.None);
        var everything = await CommunityTasksAsync(db);
        Assert.Equal(everything.Count, all.Count);

        // Each case picks a value the seed really holds, so an ignored filter (all rows back) fails as surely as a wrong one.
        var grid = everything.GroupBy(t => t.GridId).OrderBy(g => g.Count()).First().Key;
        var team = everything.Where(t => t.AssignedTeamId is not null).GroupBy(t => t.AssignedTeamId).OrderBy(g => g.Count()).First().Key!.Value;
        var category = everything.GroupBy(t => t.Category).OrderBy(g => g.Count()).First().Key;
        var cases = new (TaskListFilter Filter, Func<SeedTask, bool> Expected)[]
        {
            (new() { GridId = grid }, t => t.GridId == grid),
            (new() { TeamId = team }, t => t.AssignedTeamId == team),
            (new() { Category = category }, t => t.Category == category),
            (new() { Urgency = "Urgent" }, t => t.Urgency == "Urgent"),
            (new() { Urgency = TaskListFilter.Unjudged }, t => t.Urgency is null),
            (new() { Stage = TaskCodes.Assigned }, t => t.Stage == TaskCodes.Assigned),
            (new() { Stage = TaskListFilter.Overdue }, t => t.Stage != TaskCodes.Closed && t.DueAt < db.Clock.Now),
            (new() { From = new DateTime(db.Clock.Today.Year, 6, 1), ToExclusive = new DateTime(db.Clock.Today.Year, 9, 1) },
                t => t.CollectedAt >= new DateTime(db.Clock.Today.Year, 6, 1) && t.CollectedAt < new DateTime(db.Clock.Today.Year, 9, 1)),
            (new() { Keyword = "水" }, t => t.Title.Contains('水') || t.Description.Contains('水') || (t.Resident?.Contains('水') ?? false)),
            (new() { GridId = grid, Category = category, Stage = TaskCodes.Closed },
                t => t.GridId == grid && t.Category == category && t.Stage == TaskCodes.Closed),
        };

        foreach (var (filter, expected) in cases)
        {
            var want = everything.Where(expected).Select(t => t.Id).Order().ToList();
            Assert.True(want.Count > 0 && want.Count < everything.Count, $"the seed cannot tell whether {filter} narrows");
            var got = await AllPagesAsync(db, filter);
            Assert.Equal(want, got.Select(r => r.Id).Order().ToList());
        }
    }

    [Fact]
    public async Task Keyword_FindsTheResidentByName()
    {
        await using var db = await TestDatabase.SeededAsync();
        var resident = (await CommunityTasksAsync(db)).First(t => t.Resident is not null);

        var rows = await AllPagesAsync(db, new TaskListFilter { Keyword = resident.Resident });

        Assert.Contains(rows, r => r.Id == resident.Id);
        Assert.All(rows, r => Assert.True(r.Resident == resident.Resident || r.Title.Contains(resident.Resident!)));
    }

    [Theory]
    [InlineData("100%", "水费上涨100%")]
    [InlineData("A_B", "A_B楼道灯")]
    [InlineData(@"C\D", @"C\D楼道灯")]
    public async Task Keyword_TakesPercentUnderscoreAndBackslashLiterally(string keyword, string title)
    {
        await using var db = await TestDatabase.SeededAsync();
        await using (var conn = await db.Factory.OpenAsync())
        {
            // Each literal title has a decoy a wildcard would also match.
            await conn.ExecuteAsync("""
                INSERT INTO ResidentTask (GridId, Title, Description, Category, Source, Stage, CollectedAt)
                VALUES (1, '水费上涨100%', '-', '其他', 'Hotline', 'Collected', '2026-03-01 08:00:00'),
                       (1, '水费上涨1000元', '-', '其他', 'Hotline', 'Collected', '2026-03-01 08:00:00'),
                       (1, 'A_B楼道灯', '-', '其他', 'Hotline', 'Collected', '2026-03-01 08:00:00'),
                       (1, 'AxB楼道灯', '-', '其他', 'Hotline', 'Collected', '2026-03-01 08:00:00'),
                       (1, 'C\D楼道灯', '-', '其他', 'Hotline', 'Collected', '2026-03-01 08:00:00'),
                       (1, 'CD楼道灯', '-', '其他', 'Hotline', 'Collected', '2026-03-01 08:00:00');
                """);
        }

        var page = await new TaskListQueries(db.Factory).PageAsync(Community, new TaskListFilter { Keyword = keyword }, new PageRequest(0, 20), db.Clock.Now);

        Assert.Equal([title], page.Rows.Select(r => r.Title));
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task Pages_SplitTheRowsWithoutGapsOrRepeats_AndEveryPageReportsTheSameTotal()
    {
        await using var db = await TestDatabase.SeededAsync();
        var queries = new TaskListQueries(db.Factory);
        var filter = new TaskListFilter { Stage = TaskCodes.Closed };
        var first = await queries.PageAsync(Community, filter, new PageRequest(0, 7), db.Clock.Now);
        Assert.True(first.Total > 14, "needs at least three pages");

        var ids = new List<int>();
        for (var p = 0; p < first.PageCount; p++)
        {
            var page = await queries.PageAsync(Community, filter, new PageRequest(p, 7), db.Clock.Now);
            Assert.Equal(first.Total, page.Total);
            Assert.Equal(p, page.Page);
            ids.AddRange(page.Rows.Select(r => r.Id));
        }

        Assert.Equal(first.Total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var past = await queries.PageAsync(Community, filter, new PageRequest(first.PageCount, 7), db.Clock.Now);
        Assert.Empty(past.Rows);
        Assert.Equal(first.Total, past.Total);
    }

    [Fact]
    public async Task AnotherCommunitysTasks_NeverAppear_EvenWhenTheFilterNamesItsGrid()
    {
        await using var db = await TestDatabase.SeededAsync();
        await ForeignCommunity.SeedAsync(db);

        var rows = await AllPagesAsync(db, new TaskListFilter { Keyword = "百花" });
        var byGrid = await AllPagesAsync(db, new TaskListFilter { GridId = ForeignCommunity.GridId });

        Assert.DoesNotContain(rows, r => r.Id == ForeignCommunity.TaskId);
        Assert.Empty(byGrid);
    }

    internal static async Task<List<TaskRow>> AllPagesAsync(TestDatabase db, TaskListFilter filter)
    {
        var queries = new TaskListQueries(db.Factory);
        var rows = new List<TaskRow>();
        for (var p = 0; ; p++)
        {
            var page = await queries.PageAsync(Community, filter, new PageRequest(p, 20), db.Clock.Now);
            rows.AddRange(page.Rows);
            if (page.Rows.Count < 20)
            {
                Assert.Equal(page.Total, rows.Count);
                return rows;
            }
        }
    }

    private static async Task<List<SeedTask>> CommunityTasksAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.QueryAsync<SeedTask>("""
            SELECT rt.Id, rt.GridId, rt.AssignedTeamId, rt.Title, rt.Description, rt.Category, rt.Urgency, rt.Stage, rt.CollectedAt, rt.DueAt, m.Name AS Resident
            FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId LEFT JOIN Member m ON m.Id = rt.ResidentId
            WHERE g.CommunityId = 1;
            """)).AsList();
    }

    private sealed record SeedTask
    {
        public int Id { get; init; }
        public int GridId { get; init; }
        public int? AssignedTeamId { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string Category { get; init; } = "";
        public string? Urgency { get; init; }
        public string Stage { get; init; } = "";
        public DateTime CollectedAt { get; init; }
        public DateTime? DueAt { get; init; }
        public string? Resident { get; init; }
    }
}
