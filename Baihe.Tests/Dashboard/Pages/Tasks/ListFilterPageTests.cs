using System.Security.Claims;
using Baihe.Dashboard.Components.Pages.Tasks;
using Baihe.Dashboard.Components.Pages.Wishes;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Tasks;
using Baihe.Data.Wishes;
using Baihe.Tests.Data.Tasks;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Tasks;

/// <summary>The 民呼我应 and 微心愿 lists read their filters from the link; a bad value is explained, never a crash.</summary>
public class ListFilterPageTests
{
    [Fact]
    public async Task TaskList_WithBadLinkValues_ExplainsEachInChinese_AndListsUnderTheDefaults()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var ctx = ListContext(db);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/tasks?grid=abc&from=2026-05-01&to=2026-02-01&stage=Done&page=-3");

        var cut = ctx.Render<TaskListPage>();

        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll(".task-row").Count));
        var problems = cut.Find(".list-problems").TextContent;
        Assert.Contains("网格编号“abc”无效，已改为不按网格筛选。", problems);
        Assert.Contains("开始日期 2026-05-01 晚于结束日期 2026-02-01", problems);
        Assert.Contains("无法识别阶段“Done”", problems);
        Assert.Contains("页码“-3”无效，已显示第 1 页。", problems);
        Assert.Equal("", cut.Find("select.filter-grid").GetAttribute("value"));
        Assert.Equal("", cut.Find("input.filter-from").GetAttribute("value") ?? "");
        Assert.Contains("共 84 条", cut.Markup);
    }

    [Fact]
    public async Task TaskList_WithAnUnknownGrid_SaysItCannotFindIt_AndShowsEveryGrid()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var ctx = ListContext(db);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/tasks?grid=98765");

        var cut = ctx.Render<TaskListPage>();

        cut.WaitForAssertion(() => Assert.Equal(20, cut.FindAll(".task-row").Count));
        Assert.Contains("找不到编号为 98765 的网格，已改为不按网格筛选。", cut.Find(".list-problems").TextContent);
        Assert.Empty(cut.FindAll(".list-refusal"));
    }

    [Fact]
    public async Task TaskList_WithAnotherCommunitysGrid_ShowsTheRefusal_AndNoRows()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await ForeignCommunity.SeedAsync(db);
        await using var ctx = ListContext(db);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/tasks?grid={ForeignCommunity.GridId}");

        var cut = ctx.Render<TaskListPage>();

        cut.WaitForAssertion(() => Assert.Equal(ListScope.GridRefused, cut.Find(".list-refusal").TextContent.Trim()));
        Assert.Empty(cut.FindAll(".task-row"));
    }

    [Fact]
    public async Task TaskList_KeepsTheOverviewsOverdueDrillLink_AndEveryRowLinksToItsTask()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var ctx = ListContext(db);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/tasks?stage=Overdue");
        var overdue = await new TaskWorkflowQueries(db.Factory).OverdueAsync(1, db.Clock.Now);

        var cut = ctx.Render<TaskListPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".task-row")));
        Assert.Equal(overdue.Count, cut.FindAll(".task-row").Count);
        Assert.All(cut.FindAll(".task-row"), r => Assert.NotNull(r.QuerySelector(".overdue")));
        Assert.Equal(overdue.Select(t => $"tasks/{t.Id}").Order(), cut.FindAll(".task-row a.task-link").Select(a => a.GetAttribute("href")!).Order());
        Assert.Empty(cut.FindAll(".list-problems"));
    }

    [Fact]
    public async Task TaskList_AGridChosenInTheBar_IsWrittenIntoTheLink_AndNarrowsTheRows()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var ctx = ListContext(db);
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/tasks?q=%E6%B0%B4&page=2");
        var cut = ctx.Render<TaskListPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("select.filter-grid option")));

        cut.Find("select.filter-grid").Change("2");

        Assert.Equal("http://localhost/tasks?q=%E6%B0%B4&grid=2", navigation.Uri);
        cut.WaitForAssertion(() => Assert.All(cut.FindAll(".task-row"), r => Assert.Contains("第二网格", r.TextContent)));
        Assert.NotEmpty(cut.FindAll(".task-row"));
    }

    [Fact]
    public async Task WishList_WithAnUnknownStatusAndKind_ExplainsThemInChinese_AndKeepsTheGoodFilters()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var ctx = ListContext(db);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/wishes?status=Gone&category=Robot&grid=2&from=2026-02-30");

        var cut = ctx.Render<WishListPage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".wish-row")));
        var problems = cut.Find(".list-problems").TextContent;
        Assert.Contains("无法识别状态“Gone”", problems);
        Assert.Contains("无法识别心愿人类别“Robot”", problems);
        Assert.Contains("无法识别发布日期的开始日期“2026-02-30”", problems);
        Assert.Equal("2", cut.Find("select.filter-grid").GetAttribute("value"));
        Assert.All(cut.FindAll(".wish-row"), r => Assert.Contains("第二网格", r.TextContent));
        Assert.All(cut.FindAll(".wish-row a.wish-link"), a => Assert.StartsWith("wishes/", a.GetAttribute("href")));
    }

    /// <summary>The lists' real query classes over a real database, signed in as secretary shuji, rendering interactively.</summary>
    private static BunitContext ListContext(TestDatabase db)
    {
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory);
        ctx.Services.AddSingleton(db.Clock);
        ctx.Services.AddSingleton<CommunityQueries>();
        ctx.Services.AddSingleton<ListScopeQueries>();
        ctx.Services.AddSingleton<TaskListQueries>();
        ctx.Services.AddSingleton<TaskWorkflowQueries>();
        ctx.Services.AddSingleton<WishListQueries>();
        ctx.Services.AddSingleton<WishDetailQueries>();
        ctx.Services.AddScoped<CurrentActor>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("shuji");
        auth.SetRoles(Roles.Secretary);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"), new Claim(BaiheClaims.Community, "1"));
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }
}
