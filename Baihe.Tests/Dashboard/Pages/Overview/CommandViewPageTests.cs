using System.Security.Claims;
using Baihe.Dashboard.Components.Pages.Overview;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Overview;

public class CommandViewPageTests
{
    [Fact]
    public async Task OverviewPage_WithAnUnreadablePeriod_ExplainsItInChinese_AndShowsThisYear()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var ctx = OverviewTests.OverviewContext(db, "shuji", Roles.Secretary, new Claim(BaiheClaims.Community, "1"));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/?period=2026-13");

        var cut = ctx.Render<OverviewPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".baihe-tile")));
        Assert.Contains("链接中的筛选条件有误", cut.Find(".filter-problems").TextContent);
        Assert.Contains($"当前：{db.Clock.Today.Year}年", cut.Find(".filter-label").TextContent);
        Assert.NotEmpty(cut.FindAll("[data-chart-key]"));
    }

    [Fact]
    public async Task OverviewPage_ForAForeignCommunity_ShowsTheRefusal_AndNothingElse()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = OverviewTests.OverviewContext(db, "jiedao", Roles.Official, new Claim(BaiheClaims.SubDistrict, "1"));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/?community=999");

        var cut = ctx.Render<OverviewPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".dashboard-refusal")));
        Assert.Empty(cut.FindAll(".baihe-tile"));
        Assert.Empty(cut.FindAll("[data-chart-key]"));
    }

    [Fact]
    public async Task OverviewPage_SendsAnOfficialWithNoCommunity_ToTheDistrictView_KeepingTheLink()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = OverviewTests.OverviewContext(db, "jiedao", Roles.Official, new Claim(BaiheClaims.SubDistrict, "1"));
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/?period=2026H1");

        ctx.Render<OverviewPage>();

        Assert.Equal("http://localhost/district?period=2026H1", navigation.Uri);
    }

    [Fact]
    public async Task DistrictPage_WithAnUnreadableRange_ExplainsItInChinese_AndComparesTheCommunitiesThisYear()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = OverviewTests.OverviewContext(db, "jiedao", Roles.Official, new Claim(BaiheClaims.SubDistrict, "1"));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/district?from=2026-05-01&to=2026-02-01");

        var cut = ctx.Render<DistrictPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".district-table tbody tr")));
        Assert.Contains("链接中的筛选条件有误", cut.Find(".filter-problems").TextContent);
        Assert.Contains($"当前：{db.Clock.Today.Year}年", cut.Find(".filter-label").TextContent);
        Assert.Contains(cut.FindAll(".district-table .community-link"), a => a.TextContent == "百合园社区");
        Assert.NotEmpty(cut.FindAll("[data-chart-key]"));
    }

    [Fact]
    public async Task DistrictPage_ForAForeignSubDistrict_ShowsTheRefusal_AndNothingElse()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = OverviewTests.OverviewContext(db, "jiedao", Roles.Official, new Claim(BaiheClaims.SubDistrict, "1"));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/district?subdistrict=999");

        var cut = ctx.Render<DistrictPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".dashboard-refusal")));
        Assert.Empty(cut.FindAll(".district-table"));
        Assert.Empty(cut.FindAll("[data-chart-key]"));
    }

    [Fact]
    public async Task DrillPage_ForAnUnknownMetric_SaysSoInChinese()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = OverviewTests.OverviewContext(db, "jiedao", Roles.Official, new Claim(BaiheClaims.SubDistrict, "1"));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/drill?metric=nonsense&bucket=all&period=2026");

        var cut = ctx.Render<DrillPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".drill-refusal")));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", cut.Find(".drill-refusal").TextContent);
        Assert.Empty(cut.FindAll(".drill-row"));
    }

    [Fact]
    public async Task DrillPage_CountsTheRecords_AndLinksEachOne()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var ctx = OverviewTests.OverviewContext(db, "shuji", Roles.Secretary, new Claim(BaiheClaims.Community, "1"));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/drill?metric=tasks.closed&bucket=all&period={db.Clock.Today.Year}&community=1");

        var cut = ctx.Render<DrillPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".drill-count")));
        Assert.Equal("65", cut.Find(".drill-count").GetAttribute("data-count"));
        Assert.Equal(20, cut.FindAll(".drill-row a").Count);
        Assert.All(cut.FindAll(".drill-row a"), a => Assert.StartsWith("tasks/", a.GetAttribute("href")!.TrimStart('/')));
        Assert.Equal($"./?period={db.Clock.Today.Year}&community=1", cut.Find(".drill-back").GetAttribute("href"));
    }
}
