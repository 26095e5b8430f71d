using Baihe.Data.Points;
using Baihe.Tests.Dashboard.Pages.Points;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Points;

/// <summary>The searchable activity and redemption lists, their link parser, and one redemption per request key.</summary>
public class PointsListTests
{
    [Fact]
    public async Task TwoConcurrentSubmitsOfOneRedemptionForm_WriteOneRedemption()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var member = await db.FreshMemberAsync("并发兑换", 50);
        var shuji = await db.ActorAsync("shuji");
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        int haircut;
        await using (var conn = await db.Factory.OpenAsync())
        {
            haircut = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Reward WHERE Name = '理发';");
        }
        var key = Guid.NewGuid().ToString("N");

        var both = await Task.WhenAll(
            Task.Run(() => exchange.RedeemAsync(shuji, member, haircut, key)),
            Task.Run(() => exchange.RedeemAsync(shuji, member, haircut, key)));

        Assert.All(both, r => Assert.True(r.Ok, r.Error));
        Assert.Equal(both[0].Id, both[1].Id);
        // The one that came second says so, and nothing more was deducted.
        Assert.Single(both, r => r.Warning == ExchangeCommands.AlreadySubmitted);
        await using var check = await db.Factory.OpenAsync();
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption WHERE MemberId = @member;", new { member }));
        Assert.Equal(45, await check.ExecuteScalarAsync<int>("SELECT SUM(Points) FROM PointEntry WHERE MemberId = @member;", new { member }));
    }

    [Fact]
    public async Task ActivitySearch_FiltersByKeywordStatusTeamAndDate_AndPagesInSql()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var id = await PointsConfirmationTests.ActivityWithAttendeesAsync(db, 2);
        var activities = new ActivityQueries(db.Factory);
        var yesterday = db.Clock.Today.AddDays(-1);

        var byTitle = await activities.SearchAsync(1, PointsListFilter.None with { Q = "确认测试" });
        var open = await activities.SearchAsync(1, PointsListFilter.None with { Q = "确认测试", Status = "Open", From = yesterday, To = yesterday });
        var closed = await activities.SearchAsync(1, PointsListFilter.None with { Q = "确认测试", Status = "Closed" });
        var otherDay = await activities.SearchAsync(1, PointsListFilter.None with { Q = "确认测试", To = yesterday.AddDays(-1) });
        var otherTeam = await activities.SearchAsync(1, PointsListFilter.None with { Q = "确认测试", TeamId = int.MaxValue });
        var wildcard = await activities.SearchAsync(1, PointsListFilter.None with { Q = "%" });

        Assert.Equal(id, Assert.Single(byTitle.Rows).Id);
        Assert.Equal((1, 2), (byTitle.Total, byTitle.Rows[0].Headcount));
        Assert.Single(open.Rows);
        Assert.Empty(closed.Rows);
        Assert.Empty(otherDay.Rows);
        Assert.Empty(otherTeam.Rows);
        // A typed % is a literal character, not "everything".
        Assert.Equal(0, wildcard.Total);

        var commands = new ActivityCommands(db.Factory, db.Clock);
        var shuji = await db.ActorAsync("shuji");
        var team = byTitle.Rows[0].TeamId;
        for (var n = 1; n <= PointsListFilter.PageSize + 3; n++)
        {
            Assert.True((await commands.CreateAsync(shuji, new ActivityInput(team, 1, $"分页活动{n}", "活动室", yesterday, 1))).Ok);
        }
        var first = await activities.SearchAsync(1, PointsListFilter.None with { Q = "分页活动" });
        var second = await activities.SearchAsync(1, PointsListFilter.None with { Q = "分页活动", Page = 2 });
        Assert.Equal((PointsListFilter.PageSize + 3, 2), (first.Total, first.PageCount));
        Assert.Equal(PointsListFilter.PageSize, first.Rows.Count);
        Assert.Equal(3, second.Rows.Count);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
    }

    [Fact]
    public async Task RedemptionSearch_FiltersByResidentOrRewardAndStatus()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var member = await db.FreshMemberAsync("搜索兑换人", 50);
        var shuji = await db.ActorAsync("shuji");
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        int haircut;
        await using (var conn = await db.Factory.OpenAsync())
        {
            haircut = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Reward WHERE Name = '理发';");
        }
        var first = (await exchange.RedeemAsync(shuji, member, haircut, "search-1")).Id!.Value;
        await exchange.RedeemAsync(shuji, member, haircut, "search-2");
        Assert.True((await exchange.FulfilAsync(shuji, first)).Ok);
        var queries = new ExchangeQueries(db.Factory);

        var mine = await queries.SearchRedemptionsAsync(1, PointsListFilter.None with { Q = "搜索兑换" });
        var pending = await queries.SearchRedemptionsAsync(1, PointsListFilter.None with { Q = "搜索兑换", Status = "Pending" });
        var fulfilled = await queries.SearchRedemptionsAsync(1, PointsListFilter.None with { Q = "搜索兑换", Status = "Fulfilled" });
        var byReward = await queries.SearchRedemptionsAsync(1, PointsListFilter.None with { Q = "理发" });
        var future = await queries.SearchRedemptionsAsync(1, PointsListFilter.None with { Q = "搜索兑换", From = db.Clock.Today.AddDays(1) });

        Assert.Equal(2, mine.Total);
        // Those still to hand over come first.
        Assert.Equal("Pending", mine.Rows[0].Status);
        Assert.Equal("搜索兑换人", Assert.Single(pending.Rows).Member);
        Assert.Equal(first, Assert.Single(fulfilled.Rows).Id);
        Assert.All(byReward.Rows, r => Assert.Equal("理发", r.Reward));
        Assert.Empty(future.Rows);
    }

    [Fact]
    public void ALinkWithBadValues_GivesChineseProblemsAndTheDefaults()
    {
        var parse = PointsListFilterParser.Parse("  理发 ", "Lost", "2026-13-01", "yesterday", "x", "-3", "0", PointsListFilterParser.RedemptionStatuses);

        Assert.Equal(PointsListFilter.None with { Q = "理发" }, parse.Filter);
        Assert.Equal(6, parse.Problems.Count);
        Assert.Contains(parse.Problems, p => p.Contains("无法识别状态“Lost”"));
        Assert.Contains(parse.Problems, p => p.Contains("页码“0”无效"));
    }

    [Fact]
    public void ALinkWithGoodValues_IsReadAsWritten_AndARangeTheWrongWayRoundIsDropped()
    {
        var good = PointsListFilterParser.Parse("讲座", "closed", "2026-03-01", "2026-03-31", "4", "2", "3", PointsListFilterParser.ActivityStatuses);
        var backwards = PointsListFilterParser.Parse(null, null, "2026-04-01", "2026-03-01", null, null, null, PointsListFilterParser.ActivityStatuses);

        Assert.Empty(good.Problems);
        Assert.Equal(new PointsListFilter("讲座", "Closed", new DateTime(2026, 3, 1), new DateTime(2026, 3, 31), 4, 2, 3), good.Filter);
        Assert.Equal(new DateTime(2026, 4, 1), good.Filter.ToExclusive);
        Assert.Equal(PointsListFilter.None, backwards.Filter);
        Assert.Contains("晚于结束日期", Assert.Single(backwards.Problems));
    }
}
