using Baihe.Data.Database;
using Baihe.Data.Wishes;
using Baihe.Tests.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Wishes;

public class WishListQueriesTests
{
    private const int Community = 1;

    [Fact]
    public async Task EveryFilter_NarrowsToTheWishesThatMatchIt_AndCountsThemAll()
    {
        await using var db = await TestDatabase.SeededAsync();
        var everything = await CommunityWishesAsync(db);
        Assert.Equal(everything.Count, (await AllPagesAsync(db, WishListFilter.None)).Count);

        var grid = everything.GroupBy(w => w.GridId).OrderBy(g => g.Count()).First().Key;
        var team = everything.Where(w => w.ClaimedByTeamId is not null).GroupBy(w => w.ClaimedByTeamId).OrderBy(g => g.Count()).First().Key!.Value;
        var year = db.Clock.Today.Year;
        var cases = new (WishListFilter Filter, Func<SeedWish, bool> Expected)[]
        {
            (new() { GridId = grid }, w => w.GridId == grid),
            (new() { TeamId = team }, w => w.ClaimedByTeamId == team),
            (new() { WisherKind = "Child" }, w => w.WisherKind == "Child"),
            (new() { Status = "Claimed" }, w => w.Status == "Claimed"),
            (new() { From = new DateTime(year, 6, 1), ToExclusive = new DateTime(year, 9, 1) },
                w => w.PublishedAt >= new DateTime(year, 6, 1) && w.PublishedAt < new DateTime(year, 9, 1)),
            (new() { Keyword = "电饭锅" }, w => w.Content.Contains("电饭锅") || w.WisherName.Contains("电饭锅")),
            (new() { Keyword = "伯" }, w => w.Content.Contains('伯') || w.WisherName.Contains('伯')),
            (new() { GridId = grid, Status = "Visited" }, w => w.GridId == grid && w.Status == "Visited"),
        };

        foreach (var (filter, expected) in cases)
        {
            var want = everything.Where(expected).Select(w => w.Id).Order().ToList();
            Assert.True(want.Count > 0 && want.Count < everything.Count, $"the seed cannot tell whether {filter} narrows");
            var got = await AllPagesAsync(db, filter);
            Assert.Equal(want, got.Select(r => r.Id).Order().ToList());
        }
    }

    [Fact]
    public async Task Keyword_TakesPercentAndUnderscoreLiterally()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO MicroWish (GridId, WisherName, WisherKind, Content, Status, PublishedAt)
                VALUES (1, '甲', 'Other', '折扣50%的米', 'Published', '2026-03-01 08:00:00'),
                       (1, '乙', 'Other', '折扣500元的米', 'Published', '2026-03-01 08:00:00'),
                       (1, '丙', 'Other', '书包_蓝色', 'Published', '2026-03-01 08:00:00'),
                       (1, '丁', 'Other', '书包x蓝色', 'Published', '2026-03-01 08:00:00');
                """);
        }
        var queries = new WishListQueries(db.Factory);

        var percent = await queries.PageAsync(Community, new WishListFilter { Keyword = "50%" }, new PageRequest(0, 20));
        var underscore = await queries.PageAsync(Community, new WishListFilter { Keyword = "包_蓝" }, new PageRequest(0, 20));

        Assert.Equal(["折扣50%的米"], percent.Rows.Select(r => r.Content));
        Assert.Equal(["书包_蓝色"], underscore.Rows.Select(r => r.Content));
    }

    [Fact]
    public async Task AnotherCommunitysWishes_NeverAppear()
    {
        await using var db = await TestDatabase.SeededAsync();
        await ForeignCommunity.SeedAsync(db);

        Assert.Empty(await AllPagesAsync(db, new WishListFilter { Keyword = "百花" }));
        Assert.Empty(await AllPagesAsync(db, new WishListFilter { GridId = ForeignCommunity.GridId }));
    }

    private static async Task<List<WishRow>> AllPagesAsync(TestDatabase db, WishListFilter filter)
    {
        var queries = new WishListQueries(db.Factory);
        var rows = new List<WishRow>();
        for (var p = 0; ; p++)
        {
            var page = await queries.PageAsync(Community, filter, new PageRequest(p, 20));
            Assert.True(page.Rows.Count == 20 || rows.Count + page.Rows.Count == page.Total, "a short page ends the list, and the count is every row");
            rows.AddRange(page.Rows);
            if (page.Rows.Count < 20)
            {
                return rows;
            }
        }
    }

    private static async Task<List<SeedWish>> CommunityWishesAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.QueryAsync<SeedWish>("""
            SELECT w.Id, w.GridId, w.ClaimedByTeamId, w.WisherName, w.WisherKind, w.Content, w.Status, w.PublishedAt
            FROM MicroWish w JOIN Grid g ON g.Id = w.GridId
            WHERE g.CommunityId = 1;
            """)).AsList();
    }

    private sealed record SeedWish
    {
        public int Id { get; init; }
        public int GridId { get; init; }
        public int? ClaimedByTeamId { get; init; }
        public string WisherName { get; init; } = "";
        public string WisherKind { get; init; } = "";
        public string Content { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTime PublishedAt { get; init; }
    }
}
