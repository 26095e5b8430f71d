using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Leaders;
using Baihe.Data.Points;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Leaders;

public class LeaderQueriesTests
{
    private static LeaderQueries Queries(TestDatabase db) => new(db.Factory, new CommunityQueries(db.Factory, db.Clock), db.Clock);

    private static LeaderFilter Filter(string? community = null, string? q = null, string? grid = null, string? sort = null)
    {
        var problems = new List<string>();
        var filter = LeaderFilter.Parse(community, q, grid, sort, problems);
        Assert.Empty(problems);
        return filter;
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheSecretary_SeesThe22Leads_WithTheLeaderboardsPointsForThisHalfYear(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var shuji = await db.ActorAsync("shuji");

        var list = await Queries(db).ListAsync(shuji, Filter());

        Assert.Null(list.Refusal);
        Assert.Equal(22, list.AllLeads);
        Assert.Equal(22, list.Rows.Count);
        Assert.Equal(Period.HalfYear(db.Clock.Today.Year, Period.HalfOf(db.Clock.Today)), list.Period);
        var board = await new PointsQueries(db.Factory).LeaderboardAsync(shuji.CommunityId!.Value, list.Period, null);
        foreach (var lead in list.Rows)
        {
            Assert.Equal(board.SingleOrDefault(r => r.MemberId == lead.MemberId)?.Points ?? 0, lead.Points);
            Assert.InRange(lead.Activities, 0, lead.Services);
        }
        Assert.True(list.Rows.Sum(r => r.Services) > 0);
        // Most points first by default.
        Assert.Equal(list.Rows.Select(r => r.Points).OrderDescending(), list.Rows.Select(r => r.Points));
        Assert.Equal(list.Rows.Sum(r => r.Services), await Queries(db).ServicesAsync(1, list.Period));
    }

    [Fact]
    public async Task SearchGridAndSort_NarrowAndOrderTheList()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var q = Queries(db);
        var all = (await q.ListAsync(shuji, Filter())).Rows;

        var plumber = await q.ListAsync(shuji, Filter(q: "李建"));
        Assert.Equal("李建华", Assert.Single(plumber.Rows).Name);
        var bySkill = await q.ListAsync(shuji, Filter(q: all[0].Skill));
        Assert.Contains(bySkill.Rows, r => r.MemberId == all[0].MemberId);
        // A LIKE wildcard is taken literally.
        Assert.Empty((await q.ListAsync(shuji, Filter(q: "%"))).Rows);

        var grid = all[0].GridId;
        var inGrid = await q.ListAsync(shuji, Filter(grid: grid.ToString()));
        Assert.Equal(all.Count(r => r.GridId == grid), inGrid.Rows.Count);
        Assert.All(inGrid.Rows, r => Assert.Equal(grid, r.GridId));

        var byName = (await q.ListAsync(shuji, Filter(sort: "name"))).Rows;
        Assert.Equal(byName.Select(r => r.Name).Order(StringComparer.Ordinal), byName.Select(r => r.Name));
        var byServices = (await q.ListAsync(shuji, Filter(sort: "services"))).Rows;
        Assert.Equal(byServices.Select(r => r.Services).OrderDescending(), byServices.Select(r => r.Services));
    }

    [Fact]
    public async Task AForgedCommunityId_IsRefusedAndAudited_NeverReplacedByTheSecretarysOwn()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");

        var foreign = await Queries(db).ListAsync(shuji, Filter(community: "2"));
        var missing = await Queries(db).ListAsync(shuji, Filter(community: "999"));

        Assert.Equal(CommunityChoice.Refused, foreign.Refusal);
        Assert.Empty(foreign.Rows);
        Assert.Equal(CommunityChoice.Refused, missing.Refusal);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Community.Read';"));
    }

    [Fact]
    public async Task AnOfficial_ReadsASampleCommunitysLeads_AndAGridOfAnotherCommunityIsDroppedWithAMessage()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var official = await db.ActorAsync("jiedao");

        var second = await Queries(db).ListAsync(official, Filter(community: "2", grid: "1"));

        Assert.Null(second.Refusal);
        Assert.Equal(2, second.Community!.Id);
        Assert.Equal(second.AllLeads, second.Rows.Count);
        Assert.NotEmpty(second.Problems);
    }

    [Fact]
    public async Task BadLinkValues_AreExplainedInChinese_AndFallBackToTheDefaults()
    {
        var problems = new List<string>();
        var filter = LeaderFilter.Parse("abc", null, "-3", "DROP TABLE", problems);

        Assert.Equal(new LeaderFilter(null, null, null, LeaderFilter.ByPoints), filter);
        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Assert.Contains("已", p));
    }
}
