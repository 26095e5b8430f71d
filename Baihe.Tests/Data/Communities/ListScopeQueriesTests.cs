using Baihe.Data.Communities;
using Baihe.Tests.Data.Tasks;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Communities;

public class ListScopeQueriesTests
{
    [Fact]
    public async Task AGridAndTeamOfTheCommunity_AreAccepted_AndTheChoicesAreItsOwn()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await ForeignCommunity.SeedAsync(db);

        var scope = await new ListScopeQueries(db.Factory, db.Clock).CheckAsync(await db.ActorAsync("shuji"), 1, 2, 1);

        Assert.Equal((2, 1), (scope.GridId, scope.TeamId));
        Assert.Null(scope.Refusal);
        Assert.Empty(scope.Problems);
        Assert.Equal(["第一网格", "第二网格", "第三网格", "第四网格", "第五网格"], scope.Grids.Select(g => g.Name));
        Assert.Contains(scope.Teams, t => t.Name == "金姐姐");
        Assert.DoesNotContain(scope.Teams, t => t.Id == ForeignCommunity.TeamId);
    }

    [Fact]
    public async Task AGridOfAnotherCommunity_IsRefusedAndAudited_NotReplaced()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await ForeignCommunity.SeedAsync(db);

        var scope = await new ListScopeQueries(db.Factory, db.Clock).CheckAsync(await db.ActorAsync("shuji"), 1, ForeignCommunity.GridId, null);

        Assert.Equal(ListScope.GridRefused, scope.Refusal);
        Assert.Null(scope.GridId);
        Assert.Equal([("Grid", "900")], await ForeignCommunity.DenialsAsync(db, "Grid.Read"));
    }

    [Fact]
    public async Task ATeamOfAnotherCommunity_IsRefusedAndAudited_NotReplaced()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await ForeignCommunity.SeedAsync(db);

        var scope = await new ListScopeQueries(db.Factory, db.Clock).CheckAsync(await db.ActorAsync("shuji"), 1, null, ForeignCommunity.TeamId);

        Assert.Equal(ListScope.TeamRefused, scope.Refusal);
        Assert.Null(scope.TeamId);
        Assert.Equal([("Team", "900")], await ForeignCommunity.DenialsAsync(db, "Team.Read"));
    }

    [Fact]
    public async Task AGridThatDoesNotExist_IsExplainedInChinese_AndDropped()
    {
        await using var db = await TestDatabase.WithAccountsAsync();

        var scope = await new ListScopeQueries(db.Factory, db.Clock).CheckAsync(await db.ActorAsync("shuji"), 1, 98765, null);

        Assert.Null(scope.Refusal);
        Assert.Null(scope.GridId);
        Assert.Equal(["找不到编号为 98765 的网格，已改为不按网格筛选。"], scope.Problems);
    }
}
