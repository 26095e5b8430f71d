using Baihe.Dashboard.Components.Pages.Overview;
using Baihe.Dashboard.Components.Shared;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Dashboard;
using Baihe.Data.Overview;
using Baihe.Tests.TestSupport;
using System.Security.Claims;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Overview;

public class OverviewTests
{
    [Fact]
    public async Task EveryTile_StatesWhatItCounts_UnderTheFilterItWasCountedIn()
    {
        await using var ctx = BunitTestContext.Create();
        var filter = DashboardFilterParser.Parse("2026-10", null, null, null, null, null, new DateTime(2026, 12, 2)).Filter;
        DashboardTile[] tiles =
        [
            new("tasksDone", "办实事", 12, "件", DrillMetrics.TasksClosed, "all"),
            new("volunteerTeams", "志愿服务队", 4, "支", "", ""),
        ];

        var cut = ctx.Render<DashboardTiles>(p => p.Add(x => x.Tiles, tiles).Add(x => x.Filter, filter));

        var done = cut.Find(".baihe-tile[data-tile='tasksDone']");
        Assert.Contains("2026年10月内办结", done.QuerySelector(".kpi-definition")!.TextContent);
        Assert.Contains("12", done.QuerySelector(".kpi-value")!.TextContent);
        Assert.NotNull(cut.Find(".baihe-tile[data-tile='volunteerTeams'] .kpi-definition"));
    }

    [Fact]
    public async Task OverviewPage_RendersTheSeededDatabaseThroughTheQueryClasses()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var ctx = OverviewContext(db, "shuji", Roles.Secretary, new Claim(BaiheClaims.Community, "1"));

        var cut = ctx.Render<Baihe.Dashboard.Components.Pages.Overview.OverviewPage>();

        cut.WaitForAssertion(() => Assert.Contains("百合园社区", cut.Markup));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".baihe-tile")));
        var tiles = cut.FindAll(".baihe-tile").ToDictionary(t => t.QuerySelector(".kpi-label")!.TextContent.Trim(),
            t => new string(t.QuerySelector(".kpi-value")!.TextContent.Trim().TakeWhile(char.IsAsciiDigit).ToArray()));
        Assert.Equal("4 8 22 65 158", string.Join(" ", new[] { "志愿服务队", "兴趣队伍", "百合邻长", "办实事", "完成微心愿" }.Select(t => tiles[t])));
        var titles = cut.FindAll("h6").Select(h => h.TextContent).ToList();
        Assert.All(new[] { "每月办实事与微心愿", "积分发放（按领域）", "队伍人数", "在办实事阶段" }, t => Assert.Contains(t, titles));
    }

    [Fact]
    public async Task OverviewPage_RefreshesItselfWhenTheChangeFeedReportsAWrite()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = OverviewContext(db, "jiedao", Roles.Official, new Claim(BaiheClaims.SubDistrict, "1"));
        var feed = ctx.Services.GetRequiredService<Baihe.Dashboard.Services.ChangeFeed>();
        await feed.PollOnceAsync();
        // An official's home is the district view; a community's overview is opened by its link.
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/?community=1");
        var cut = ctx.Render<Baihe.Dashboard.Components.Pages.Overview.OverviewPage>();
        int Issued() => int.Parse(new string(cut.FindAll(".baihe-tile").Single(t => t.QuerySelector(".kpi-label")!.TextContent.Trim() == "积分发放")
            .QuerySelector(".kpi-value")!.TextContent.Where(char.IsAsciiDigit).ToArray()));
        cut.WaitForAssertion(() => Assert.True(Issued() > 0));
        var before = Issued();

        // Someone records a service elsewhere; the server's poll notices and the open page redraws by itself.
        await new Baihe.Data.Points.LedgerCommands(db.Factory, db.Clock).RecordServiceAsync(await db.ActorAsync("shuji"), 1, 3, db.Clock.Today, "别处记分");
        await feed.PollOnceAsync();

        cut.WaitForAssertion(() => Assert.Equal(before + 1, Issued()), TimeSpan.FromSeconds(5));
        Assert.Contains("更新于", cut.Markup);
    }

    /// <summary>The overview's real query classes over a real database, signed in as one user, rendering interactively.</summary>
    internal static BunitContext OverviewContext(TestDatabase db, string user, string role, Claim scope)
    {
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory);
        ctx.Services.AddSingleton(db.Clock);
        ctx.Services.AddSingleton<CommunityQueries>();
        ctx.Services.AddSingleton<Baihe.Data.Dashboard.DashboardScopeQueries>();
        ctx.Services.AddSingleton<Baihe.Data.Dashboard.CommunityDashboardQueries>();
        ctx.Services.AddSingleton<Baihe.Data.Dashboard.DistrictQueries>();
        ctx.Services.AddSingleton<Baihe.Data.Dashboard.DrillQueries>();
        ctx.Services.AddSingleton<OverviewQueries>();
        ctx.Services.AddSingleton<Baihe.Data.Points.PointsQueries>();
        ctx.Services.AddSingleton<Baihe.Data.Tasks.TaskWorkflowQueries>();
        ctx.Services.AddSingleton<ChangeFeedQueries>();
        ctx.Services.AddSingleton<Baihe.Dashboard.Services.ChangeFeed>();
        ctx.Services.AddSingleton<Baihe.Dashboard.Services.SharedLoads>();
        ctx.Services.AddScoped<Baihe.Dashboard.Services.ReconnectNotifier>();
        ctx.Services.AddScoped<CurrentActor>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"), scope);
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }
}
