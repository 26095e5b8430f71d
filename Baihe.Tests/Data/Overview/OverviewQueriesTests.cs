using Dapper;
using Baihe.Data.Brands;
using Baihe.Data.Leaders;
using Baihe.Data.Members;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Overview;

/// <summary>The article's figures, read back through the query classes from a real seeded database.</summary>
public class OverviewQueriesTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Kpis_OnTheDemoData_AreTheArticlesNumbers(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.SeededAsync(provider);
        var community = (await new CommunityQueries(db.Factory, db.Clock).FirstAsync())!;

        var data = await new OverviewQueries(db.Factory).LoadAsync(community.Id, db.Clock.ThisYear);

        Assert.Equal("百合园社区", community.Name);
        Assert.Equal(4, data.Kpis.VolunteerTeams);
        Assert.Equal(8, data.Kpis.InterestGroups);
        Assert.Equal(22, data.Kpis.NeighbourLeads);
        Assert.Equal(65, data.Kpis.TasksDone);
        Assert.Equal(158, data.Kpis.WishesFulfilled);
        Assert.InRange(data.Kpis.Volunteers, 50, 200);
        Assert.True(data.Kpis.PointsIssued > 0);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Charts_AddUpToTheTiles(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.SeededAsync(provider);
        var community = (await new CommunityQueries(db.Factory, db.Clock).FirstAsync())!;

        var data = await new OverviewQueries(db.Factory).LoadAsync(community.Id, db.Clock.ThisYear);

        Assert.Equal(12, data.TasksByMonth.Count);
        Assert.Equal(data.Kpis.TasksDone, data.TasksByMonth.Sum(m => m.Count));
        Assert.Equal(data.Kpis.WishesFulfilled, data.WishesByMonth.Sum(m => m.Count));
        Assert.Equal(["民主建设", "文明创建", "邻里互助", "安全生产", "调解纠纷"], data.PointsByArea.Select(a => a.Area));
        Assert.Equal(data.Kpis.PointsIssued, data.PointsByArea.Sum(a => a.Points));
        Assert.Equal(12, data.TeamSizes.Count);
        Assert.True(data.TeamSizes.Where(t => t.Kind == "VolunteerService").Sum(t => t.Members) >= data.Kpis.Volunteers);
        Assert.Equal(OverviewQueries.Stages, data.TasksByStage.Select(s => s.Stage));
        Assert.Equal(data.Kpis.TasksDone, data.TasksByStage.Single(s => s.Stage == "Closed").Count);
        Assert.All(data.TasksByStage, s => Assert.True(s.Count > 0, $"no task at stage {s.Stage}"));
        // Nothing is counted in months that have not happened yet.
        Assert.All(data.TasksByMonth.Where(m => m.Month > 202611), m => Assert.Equal(0, m.Count));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LastYear_IsNotCountedThisYear(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.SeededAsync(provider);
        var community = (await new CommunityQueries(db.Factory, db.Clock).FirstAsync())!;

        var lastYear = await new OverviewQueries(db.Factory).LoadAsync(community.Id, Period.Year(db.Clock.Today.Year - 1));

        // The seed puts a little work into last year; none of it leaks into this year's 65 / 158.
        Assert.InRange(lastYear.Kpis.TasksDone, 1, 64);
        Assert.InRange(lastYear.Kpis.WishesFulfilled, 1, 157);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BrandMatrix_PutsEveryTeamUnderASubBrandOfTheUmbrella(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.SeededAsync(provider);
        var community = (await new CommunityQueries(db.Factory, db.Clock).FirstAsync())!;

        var matrix = await new BrandQueries(db.Factory, new PeopleQueries(db.Factory), new LeaderQueries(db.Factory, new CommunityQueries(db.Factory, db.Clock), db.Clock), db.Clock).LoadAsync(community.Id);

        var umbrella = Assert.Single(matrix.Brands, b => b.ParentBrandId is null);
        Assert.Equal("百合“共治圈”", umbrella.Name);
        var subBrands = matrix.Brands.Where(b => b.ParentBrandId == umbrella.Id).Select(b => b.Id).ToHashSet();
        Assert.Equal(4, subBrands.Count);
        Assert.Equal(12, matrix.Teams.Count);
        Assert.All(matrix.Teams, t => Assert.Contains(t.BrandId, subBrands));
        Assert.Equal(matrix.Teams.Sum(t => t.Members), matrix.Members.Count);
        Assert.Equal(22, matrix.NeighbourLeads);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Profile_ShowsTheFourHonours(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.SeededAsync(provider);
        var queries = new CommunityQueries(db.Factory, db.Clock);
        var community = (await queries.FirstAsync())!;

        var profile = await queries.ProfileAsync(community);

        Assert.Equal("金东街道", profile.Community.SubDistrict);
        Assert.Equal("金平区", profile.Community.District);
        Assert.Equal(["全国妇联基层建设先进单位", "全国科普示范社区", "广东省文明社区", "广东省“百佳”基层老年群众组织"], profile.Honours);
        Assert.Equal(22, profile.Grids.Sum(g => g.NeighbourLeads));
    }

    [Fact]
    public async Task Resolve_AnUnknownOrForeignCommunityId_IsRefusedAuditedAndNeverReplaced()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var queries = new CommunityQueries(db.Factory, db.Clock);
        var secretary = await db.ActorAsync("shuji");
        var own = (await queries.FirstAsync())!;
        var foreign = await db.Factory.OpenAsync();
        await using (foreign)
        {
            // A second community in the same sub-district, which the secretary of the first may not read.
            await foreign.ExecuteAsync("INSERT INTO Community (SubDistrictId, Name) VALUES (@SubDistrictId, '别的社区');", new { own.SubDistrictId });
        }
        var otherId = (await queries.ListAsync()).Single(c => c.Name == "别的社区").Id;

        var unknown = await queries.ResolveAsync(9999, secretary);
        var outside = await queries.ResolveAsync(otherId, secretary);
        var asked = await queries.ResolveAsync(own.Id, secretary);
        var byDefault = await queries.ResolveAsync(null, secretary);

        Assert.Null(unknown.Community);
        Assert.Equal(CommunityChoice.Refused, unknown.Refusal);
        Assert.Null(outside.Community);
        Assert.Equal(CommunityChoice.Refused, outside.Refusal);
        Assert.Equal(own.Id, asked.Community!.Id);
        Assert.Equal(own.Id, byDefault.Community!.Id);
        await using var conn = await db.Factory.OpenAsync();
        var audited = (await conn.QueryAsync<string>(
            "SELECT EntityId FROM AuditLog WHERE Action = 'Denied:Community.Read' AND UserName = 'shuji' ORDER BY Id;")).ToList();
        Assert.Equal(["9999", otherId.ToString()], audited);
    }
}
