using Baihe.Data.Dashboard;
using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Dashboard;

public class SampleCommunitiesTests
{
    [Fact]
    public async Task TheDemo_HasSampleCommunitiesOfJindong_MarkedAsSampleData_AndComparedOnTheDistrictView()
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var all = await fx.Communities.ListAsync();
        var first = all[0];

        Assert.Equal("百合园社区", first.Name);
        Assert.Equal(DemoSeeder.SampleCommunities.Select(c => c.Name), all.Skip(1).Select(c => c.Name));
        Assert.All(all.Skip(1), c => Assert.StartsWith("示例数据", c.Description));
        // The district view marks them by this flag; 百合园社区's own figures are the article's, not samples.
        Assert.All(all.Skip(1), c => Assert.True(c.IsSample));
        Assert.False(first.IsSample);
        Assert.All(all, c => Assert.Equal("金东街道", c.SubDistrict));

        var scope = await fx.ScopeAsync(DashboardFixture.Official(first.SubDistrictId), fx.Filter());
        var rows = await fx.District.CompareAsync(scope, scope.Filter);
        Assert.Equal(all.Count, rows.Count);
        foreach (var (row, sample) in rows.Skip(1).Zip(DemoSeeder.SampleCommunities))
        {
            Assert.Equal(sample.TasksClosed, row.TasksClosed);
            Assert.Equal(sample.TasksOpen, row.OpenTasks);
            Assert.Equal(sample.WishesFulfilled, row.WishesFulfilled);
            Assert.Equal(sample.Leads, row.NeighbourLeads);
        }
        // The figures differ, so the comparison means something.
        Assert.True(rows.Select(r => r.CloseRate).Distinct().Count() > 2);
        Assert.True(rows.Select(r => r.OverdueTasks).Distinct().Count() > 1);
    }

    [Fact]
    public async Task Baiheyuan_KeepsTheArticlesFiguresForThisYear_OnTheOverviewAndTheNewView()
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var first = (await fx.Communities.FirstAsync())!;

        var kpis = (await new OverviewQueries(db.Factory).LoadAsync(first.Id, db.Clock.ThisYear)).Kpis;
        var view = await fx.Community.LoadAsync(await fx.ScopeAsync(DashboardFixture.Secretary(first.Id), fx.Filter()), fx.Filter());
        double? Tile(string key) => view.Tiles.Single(t => t.Key == key).Value;

        Assert.Equal(4, kpis.VolunteerTeams);
        Assert.Equal(8, kpis.InterestGroups);
        Assert.Equal(DemoSeeder.NeighbourLeadCount, kpis.NeighbourLeads);
        Assert.Equal(DemoSeeder.TasksDoneThisYear, kpis.TasksDone);
        Assert.Equal(DemoSeeder.WishesFulfilledThisYear, kpis.WishesFulfilled);
        Assert.Equal(4, Tile("volunteerTeams"));
        Assert.Equal(8, Tile("interestGroups"));
        Assert.Equal(DemoSeeder.NeighbourLeadCount, Tile("neighbourLeads"));
        Assert.Equal(DemoSeeder.TasksDoneThisYear, Tile("tasksDone"));
        Assert.Equal(DemoSeeder.WishesFulfilledThisYear, Tile("wishesFulfilled"));
        Assert.Equal(kpis.Volunteers, Tile("volunteers"));
        Assert.Equal(kpis.PointsIssued, Tile("pointsIssued"));
    }

    [Fact]
    public async Task MonthsAfterToday_AreNullOnTheCommunityCharts_NotZero()
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var first = (await fx.Communities.FirstAsync())!;
        var view = await fx.Community.LoadAsync(await fx.ScopeAsync(DashboardFixture.Secretary(first.Id), fx.Filter()), fx.Filter());

        var monthly = view.Charts.Single(c => c.Key == "community.monthly");
        var future = 12 - db.Clock.Today.Month;
        Assert.All(monthly.Series, s => Assert.Equal(future, s.Values.Count(v => v is null)));
        Assert.All(monthly.Series, s => Assert.All(s.Values.Take(db.Clock.Today.Month), v => Assert.NotNull(v)));

        // The rates of the month in progress are not drawn either: its tasks have had no time to close.
        var rates = view.Charts.Single(c => c.Key == "community.rates");
        Assert.All(rates.Series, s => Assert.Null(s.Values[db.Clock.Today.Month - 1]));
        Assert.All(rates.Series, s => Assert.NotNull(s.Values[db.Clock.Today.Month - 2]));
    }
}
