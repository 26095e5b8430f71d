using Baihe.Data.Brands;
using Baihe.Data.Communities;
using Baihe.Data.Dashboard;
using Baihe.Data.Database;
using Baihe.Data.Leaders;
using Baihe.Data.Members;
using Baihe.Data.Overview;
using Baihe.Data.Reports;
using Baihe.Tests.Data.Dashboard;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Members;

/// <summary>One definition per head count: the overview's tiles, /brands and the report's 概览 show the same figures.</summary>
public class PeopleCountsAgreeTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheOverview_TheBrandsPage_AndTheReport_ShowTheSameHeadCounts_InEveryDemoCommunity(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.SeededAsync(provider);
        // A resident who left a volunteer team today is no longer counted anywhere: the paths must agree on that too.
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("""
                UPDATE Membership SET LeftOn = @Today
                WHERE Id = (SELECT MIN(ms.Id) FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
                            WHERE t.CommunityId = 1 AND t.Kind = 'VolunteerService' AND ms.LeftOn IS NULL AND ms.Role = 'Member');
                """, new { db.Clock.Today });
        }
        var fx = new DashboardFixture(db);
        var communities = new CommunityQueries(db.Factory, db.Clock);
        var brands = new BrandQueries(db.Factory, new PeopleQueries(db.Factory), new LeaderQueries(db.Factory, communities, db.Clock), db.Clock);
        var reports = new ReportQueries(db.Factory);
        var overview = new OverviewQueries(db.Factory);
        var month = new Period(new DateTime(db.Clock.Today.Year, db.Clock.Today.Month, 1), new DateTime(db.Clock.Today.Year, db.Clock.Today.Month, 1).AddMonths(1));

        var all = await communities.ListAsync();
        Assert.Equal(5, all.Count);
        foreach (var community in all)
        {
            var scope = await fx.ScopeAsync(DashboardFixture.Secretary(community.Id), fx.Filter());
            var tiles = (await fx.Community.LoadAsync(scope, scope.Filter)).Tiles;
            var matrix = await brands.LoadAsync(community.Id);
            var kpis = ReportKpis.Of(await overview.LoadAsync(community.Id, month), await reports.CountsAsync(community.Id, month));
            int Report(string name) => Assert.Single(kpis, k => k.Name == name).Value;
            double? Tile(string key) => Assert.Single(tiles, t => t.Key == key).Value;

            Assert.Equal(matrix.People.Volunteers, Tile("volunteers"));
            Assert.Equal(matrix.People.Volunteers, Report("月末志愿者人数"));
            Assert.Equal(matrix.People.OnRoster, Report("月末在册人数"));
            Assert.Equal(matrix.People.NeighbourLeads, Tile("neighbourLeads"));
            Assert.Equal(matrix.People.NeighbourLeads, Report("百合邻长"));
            // The definitions nest: every 志愿者 is 在册, every 在册 person is a 成员.
            Assert.InRange(matrix.People.Volunteers, 1, matrix.People.OnRoster - 1);
            Assert.InRange(matrix.People.OnRoster, 1, matrix.People.Registered);
        }
        var baihe = await brands.LoadAsync(1);
        Assert.Equal(22, baihe.People.NeighbourLeads);
        // The brand page's roster and the count agree: the distinct people on its teams are the 在册人数.
        Assert.Equal(baihe.People.OnRoster, baihe.Members.Select(m => m.MemberId).Distinct().Count());
    }

    [Fact]
    public async Task SomeoneLeavingToday_LeavesTodaysCount_ButNotLastMonthsReport()
    {
        await using var db = await TestDatabase.SeededAsync();
        var people = new PeopleQueries(db.Factory);
        var reports = new ReportQueries(db.Factory);
        var today = db.Clock.Today;
        var lastMonth = new Period(new DateTime(today.Year, today.Month, 1).AddMonths(-1), new DateTime(today.Year, today.Month, 1));
        var nowBefore = await people.CountsAsync(1, db.Clock.Now);
        var thenBefore = await reports.CountsAsync(1, lastMonth);
        await using (var conn = await db.Factory.OpenAsync())
        {
            // A resident on exactly one team, who joined before last month ended.
            var memberId = await conn.ExecuteScalarAsync<int>("""
                SELECT MIN(ms.MemberId) FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
                WHERE t.CommunityId = 1 AND ms.LeftOn IS NULL AND ms.JoinedOn < @To
                  AND ms.MemberId NOT IN (SELECT x.MemberId FROM Membership x WHERE x.LeftOn IS NULL GROUP BY x.MemberId HAVING COUNT(*) > 1);
                """, new { lastMonth.To });
            await conn.ExecuteAsync("UPDATE Membership SET LeftOn = @today WHERE MemberId = @memberId AND LeftOn IS NULL;", new { today, memberId });
        }

        Assert.Equal(nowBefore.OnRoster - 1, (await people.CountsAsync(1, db.Clock.Now)).OnRoster);
        Assert.Equal(thenBefore.Members, (await reports.CountsAsync(1, lastMonth)).Members);
    }
}
