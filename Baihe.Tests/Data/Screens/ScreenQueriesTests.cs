using Baihe.Data.Overview;
using Baihe.Data.Screens;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Screens;

/// <summary>The screen's figures are 总览's figures for the community, and the screen's communities are its sub-district's.</summary>
public class ScreenQueriesTests
{
    [Fact]
    public async Task Figures_EqualTheOverviewsTiles_ForTheSameCommunityAndYear()
    {
        await using var db = await TestDatabase.SeededAsync();
        var overview = new OverviewQueries(db.Factory);
        var screens = new ScreenQueries(overview, new TaskWorkflowQueries(db.Factory), db.Clock);

        var figures = await screens.LoadAsync(new ScreenCommunity { Id = 1, Name = "百合园社区" });
        var tiles = (await overview.LoadAsync(1, db.Clock.ThisYear)).Kpis;

        Assert.Equal(tiles.TasksDone, figures.TasksDone);
        Assert.Equal(tiles.Volunteers, figures.Volunteers);
        Assert.Equal(tiles.PointsIssued, figures.PointsIssued);
        Assert.True(figures.TasksDone > 0, "the demo closed tasks this year, so the comparison means something");
        Assert.Equal((await new TaskWorkflowQueries(db.Factory).OverdueAsync(1, db.Clock.Now)).Count, figures.Overdue);
    }

    [Fact]
    public async Task AScreen_RotatesThroughTheCommunitiesOfItsOwnSubDistrictOnly()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using (var conn = await db.Factory.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(conn, """
                INSERT INTO SubDistrict (Name, District, City) VALUES ('别的街道', '金平区', '汕头市');
                INSERT INTO Community (SubDistrictId, Name) VALUES ((SELECT Id FROM SubDistrict WHERE Name = '别的街道'), '别处社区');
                """);
        }
        var queries = new DisplayTokenQueries(db.Factory, db.Clock);
        var mine = (await queries.SubDistrictsAsync()).Single(s => s.Name == "金东街道");

        var communities = await queries.CommunitiesAsync(new ScreenScope { SubDistrictId = mine.Id, SubDistrict = mine.Name });

        Assert.Contains(communities, c => c.Name == "百合园社区");
        Assert.DoesNotContain(communities, c => c.Name == "别处社区");
    }
}
