using Baihe.Data.Accounts;
using Baihe.Data.Dashboard;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Dashboard;

public class DashboardScopeQueriesTests
{
    /// <summary>A second sub-district with one community and one grid, outside the demo official's scope.</summary>
    private static async Task<(int SubDistrictId, int CommunityId, int GridId)> OtherPlaceAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        await conn.ExecuteAsync("INSERT INTO SubDistrict (Name, District, City) VALUES ('鮀江街道', '金平区', '汕头市');");
        var sub = await conn.ExecuteScalarAsync<int>("SELECT Id FROM SubDistrict WHERE Name = '鮀江街道';");
        await conn.ExecuteAsync("INSERT INTO Community (SubDistrictId, Name, Description) VALUES (@sub, '测试社区', '示例数据');", new { sub });
        var community = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Community WHERE Name = '测试社区';");
        await conn.ExecuteAsync("INSERT INTO Grid (CommunityId, Name, SortOrder) VALUES (@community, '第一网格', 1);", new { community });
        var grid = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Grid WHERE CommunityId = @community;", new { community });
        return (sub, community, grid);
    }

    private static async Task<int> DeniedReadsAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Dashboard.Read';");
    }

    [Fact]
    public async Task AnOfficial_ReadsTheCommunitiesOfTheirSubDistrict_OnTheDistrictView()
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var first = (await fx.Communities.FirstAsync())!;
        var other = await OtherPlaceAsync(db);

        var scope = await fx.ScopeAsync(DashboardFixture.Official(first.SubDistrictId), fx.Filter());

        Assert.Null(scope.Community);
        Assert.Equal(first.SubDistrictId, scope.SubDistrictId);
        Assert.Contains(scope.Communities, c => c.Id == first.Id);
        Assert.DoesNotContain(scope.Communities, c => c.Id == other.CommunityId);
        Assert.All(scope.Communities, c => Assert.Equal(first.SubDistrictId, c.SubDistrictId));
    }

    [Theory]
    [InlineData("subdistrict")]
    [InlineData("community")]
    [InlineData("grid")]
    public async Task AnOfficialAskingForAnotherSubDistrictsPlace_IsRefusedAndAudited(string what)
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var first = (await fx.Communities.FirstAsync())!;
        var other = await OtherPlaceAsync(db);
        var filter = what switch
        {
            "subdistrict" => fx.Filter(subdistrict: other.SubDistrictId),
            "community" => fx.Filter(community: other.CommunityId),
            _ => fx.Filter(grid: other.GridId),
        };

        var choice = await fx.Scopes.ResolveAsync(DashboardFixture.Official(first.SubDistrictId), filter);

        Assert.Null(choice.Scope);
        Assert.StartsWith("找不到这个", choice.Refusal);
        Assert.Equal(1, await DeniedReadsAsync(db));
    }

    [Fact]
    public async Task ASecretaryAskingForAnotherCommunity_IsRefusedAndAudited_NotShownTheirOwn()
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var first = (await fx.Communities.FirstAsync())!;
        var other = await OtherPlaceAsync(db);

        var choice = await fx.Scopes.ResolveAsync(DashboardFixture.Secretary(first.Id), fx.Filter(community: other.CommunityId));

        Assert.Null(choice.Scope);
        Assert.Equal(Baihe.Data.Communities.CommunityChoice.Refused, choice.Refusal);
        Assert.Equal(1, await DeniedReadsAsync(db));
    }

    [Fact]
    public async Task AGridOfAnotherCommunity_IsRefusedAndAudited_EvenForAnAdmin()
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var first = (await fx.Communities.FirstAsync())!;
        var other = await OtherPlaceAsync(db);

        var choice = await fx.Scopes.ResolveAsync(DashboardFixture.Admin(), fx.Filter(community: first.Id, grid: other.GridId));

        Assert.Null(choice.Scope);
        Assert.Equal(DashboardScopeChoice.GridRefused, choice.Refusal);
        Assert.Equal(1, await DeniedReadsAsync(db));
    }

    [Fact]
    public async Task ASecretaryWithoutACommunityInTheLink_GetsTheirOwnCommunity_NeverTheDistrict()
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var first = (await fx.Communities.FirstAsync())!;

        var scope = await fx.ScopeAsync(DashboardFixture.Secretary(first.Id), fx.Filter());

        Assert.Equal(first.Id, scope.Community?.Id);
        Assert.Equal([first.Id], scope.Communities.Select(c => c.Id));
        Assert.Equal(0, await DeniedReadsAsync(db));
    }

    [Fact]
    public async Task AnAdmin_DefaultsToTheFirstSubDistrict_AndMayChooseAnother()
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var first = (await fx.Communities.FirstAsync())!;
        var other = await OtherPlaceAsync(db);

        var byDefault = await fx.ScopeAsync(DashboardFixture.Admin(), fx.Filter());
        var chosen = await fx.ScopeAsync(DashboardFixture.Admin(), fx.Filter(subdistrict: other.SubDistrictId));

        Assert.Equal(first.SubDistrictId, byDefault.SubDistrictId);
        Assert.Equal(other.SubDistrictId, chosen.SubDistrictId);
        Assert.Equal([other.CommunityId], chosen.Communities.Select(c => c.Id));
    }

    [Fact]
    public async Task ADrillBucketNamingACommunityOutsideTheScope_IsRefusedAndAudited()
    {
        await using var db = await TestDatabase.SeededAsync();
        var fx = new DashboardFixture(db);
        var first = (await fx.Communities.FirstAsync())!;
        var other = await OtherPlaceAsync(db);
        var actor = DashboardFixture.Official(first.SubDistrictId);
        var scope = await fx.ScopeAsync(actor, fx.Filter());

        var list = await fx.Drill.ListAsync(actor, new DrillRequest(DrillMetrics.TasksOpen, $"community={other.CommunityId}", scope.Filter), scope, new(0, 20));

        Assert.Equal(DrillQueries.OutsideScope, list.Refusal);
        Assert.Empty(list.Rows);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Dashboard.Drill';"));
    }

    [Theory]
    [InlineData(Roles.Official, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Secretary, false)]
    [InlineData(Roles.Lead, false)]
    public void HomeIsDistrict_ForOfficialsAndAdminsOnly(string role, bool district) =>
        Assert.Equal(district, DashboardRules.HomeIsDistrict(new Actor(1, "x", role, 1, 1, 1)));

    [Fact]
    public void ALead_ReadsOnlyTheCommunityOfTheirTeam()
    {
        var lead = new Actor(5, "lead", Roles.Lead, null, null, 7);
        Assert.True(DashboardRules.CanReadCommunity(lead, new CommunityPlace(1, 1, [6, 7])));
        Assert.False(DashboardRules.CanReadCommunity(lead, new CommunityPlace(2, 1, [8])));
        Assert.False(DashboardRules.CanReadDistrict(lead, 1));
    }
}
