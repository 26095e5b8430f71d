using Baihe.Data.Database;
using Baihe.Data.Tasks;
using Baihe.Data.Teams;
using Baihe.Data.Wishes;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Database;

public class ListQueriesTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tasks_ArePagedInSqlAndFilteredByStage(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.SeededAsync(provider);
        var queries = new TaskQueries(db.Factory);

        var first = await queries.PageAsync(1, null, new PageRequest(0, 20));
        var second = await queries.PageAsync(1, null, new PageRequest(1, 20));
        var closed = await queries.PageAsync(1, "Closed", new PageRequest(0, 100));

        Assert.Equal(20, first.Items.Count);
        Assert.Equal(first.Total, second.Total);
        Assert.Empty(first.Items.Select(t => t.Id).Intersect(second.Items.Select(t => t.Id)));
        Assert.True(first.Items[0].CollectedAt >= first.Items[^1].CollectedAt, "newest first");
        Assert.All(closed.Items, t => Assert.Equal("Closed", t.Stage));
        Assert.True(closed.Total >= 65);
        Assert.Contains(closed.Items, t => t.Title.Contains("曾姨"));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Wishes_ArePagedInSqlAndFilteredByStatus(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.SeededAsync(provider);
        var queries = new WishQueries(db.Factory);

        var open = await queries.PageAsync(1, "Published", new PageRequest(0, 50));
        var all = await queries.PageAsync(1, null, new PageRequest(0, 10));

        Assert.Equal(6, open.Total);
        Assert.All(open.Items, w => Assert.Null(w.Claimant));
        Assert.Equal(10, all.Items.Count);
        Assert.True(all.Total > 158);
    }

    [Fact]
    public async Task PageSize_IsClampedSoAForgedRequestCannotReadTheWholeTable()
    {
        await using var db = await TestDatabase.SeededAsync();

        var page = await new WishQueries(db.Factory).PageAsync(1, null, new PageRequest(-3, 100_000));

        Assert.Equal(PageRequest.MaxSize, page.Items.Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Teams_ListLeadsAndSizes_AndARosterMatchesItsCount(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.SeededAsync(provider);
        var queries = new TeamQueries(db.Factory);

        var teams = await queries.ListAsync(1);
        var jinjiejie = teams.Single(t => t.Name == "金姐姐");
        var detail = (await queries.DetailAsync(jinjiejie.Id))!;

        Assert.Equal(4, teams.Count(t => t.Kind == TeamKind.VolunteerService));
        Assert.Equal(8, teams.Count(t => t.Kind == TeamKind.InterestGroup && t.IsSample));
        Assert.All(teams, t => Assert.False(string.IsNullOrEmpty(t.LeadName)));
        Assert.Equal(jinjiejie.Members, detail.Roster.Count);
        Assert.Equal("Lead", detail.Roster[0].Role);
        Assert.Equal(jinjiejie.LeadName, detail.Roster[0].Name);
        Assert.Null(await queries.DetailAsync(9999));
    }
}
