using Baihe.Dashboard.Components.Pages.Screen;
using Baihe.Dashboard.Services;
using Baihe.Data.Database;
using Baihe.Data.Overview;
using Baihe.Data.Screens;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Screen;

/// <summary>
/// The big screen is open to anyone, so what it shows is the security boundary: the refusal and nothing else without a
/// valid, unrevoked token; with one, its own sub-district's counts, and never a resident's name or phone.
/// </summary>
public class ScreenPageTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task WithoutAValidToken_TheScreenShowsTheRefusal_AndNoFigures(string? token)
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await CreateTokenAsync(db);
        await using var ctx = Context(db);

        var cut = RenderAt(ctx, token);

        cut.WaitForAssertion(() => Assert.Contains(ScreenPage.Refusal, cut.Markup));
        Assert.Empty(cut.FindAll(".screen-kpi"));
        Assert.DoesNotContain("百合园社区", cut.Markup);
        Assert.DoesNotContain("金东街道", cut.Markup);
    }

    [Fact]
    public async Task ARevokedToken_ShowsTheRefusal()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (id, token) = await CreateTokenAsync(db);
        Assert.True((await new DisplayTokenCommands(db.Factory, db.Clock).RevokeAsync(await db.ActorAsync("admin"), id)).Ok);
        await using var ctx = Context(db);

        var cut = RenderAt(ctx, token);

        cut.WaitForAssertion(() => Assert.Contains(ScreenPage.Refusal, cut.Markup));
        Assert.Empty(cut.FindAll(".screen-kpi"));
    }

    [Fact]
    public async Task AValidToken_ShowsItsSubDistrictsCommunities_AndNoResidentsNameOrPhone()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (_, token) = await CreateTokenAsync(db);
        await using var ctx = Context(db);

        var cut = RenderAt(ctx, token);

        cut.WaitForAssertion(() => Assert.Equal(7, cut.FindAll(".screen-kpi").Count));
        Assert.Equal("百合园社区", cut.Find(".screen-community").TextContent.Trim());
        Assert.Equal("金东街道", cut.Find(".screen-subdistrict").TextContent.Trim());
        var tiles = (await new OverviewQueries(db.Factory).LoadAsync(1, db.Clock.ThisYear)).Kpis;
        Assert.StartsWith(tiles.TasksDone.ToString(), cut.Find(".screen-kpi.tasks-done .kpi-value").TextContent.Trim());
        await using var conn = await db.Factory.OpenAsync();
        var communities = await conn.QueryAsync<string>("SELECT c.Name FROM Community c WHERE c.SubDistrictId = (SELECT SubDistrictId FROM Community WHERE Id = 1);");
        Assert.Equal(communities.Order(), cut.FindAll(".screen-rotation li").Select(li => li.TextContent.Trim()).Order());
        var people = (await conn.QueryAsync<(string Name, string? Phone)>("SELECT Name, Phone FROM Member;")).AsList();
        Assert.True(people.Count > 50, "the demo has residents, so the check means something");
        var markup = cut.Markup;
        var users = await conn.QueryAsync<string>("SELECT DisplayName FROM AppUser;");
        var shown = people.Select(p => p.Name).Concat(people.Select(p => p.Phone ?? "")).Concat(users)
            .Where(text => text.Length > 0 && markup.Contains(text, StringComparison.Ordinal))
            .ToList();
        Assert.True(shown.Count == 0, "names or phones on the screen: " + string.Join(", ", shown));
    }

    [Fact]
    public async Task AWriteToAShownArea_UpdatesTheFigure_ThroughTheChangeFeed()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (_, token) = await CreateTokenAsync(db);
        await using var ctx = Context(db);
        var feed = ctx.Services.GetRequiredService<ChangeFeed>();
        await feed.PollOnceAsync();
        var cut = RenderAt(ctx, token);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".screen-kpi.tasks-done")));
        var before = Number(cut.Find(".screen-kpi.tasks-done .kpi-value").TextContent);

        await using (var conn = await db.Factory.OpenAsync())
        {
            // ClosedMonth is computed from ClosedAt.
            await conn.ExecuteAsync("""
                UPDATE ResidentTask SET Stage = 'Closed', ClosedAt = @now
                WHERE Id = (SELECT MIN(rt.Id) FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId WHERE g.CommunityId = 1 AND rt.Stage = 'Resolved');
                UPDATE ChangeVersion SET Version = Version + 1 WHERE Area = 'Tasks';
                """, new { now = db.Clock.Now });
        }
        await feed.PollOnceAsync();

        cut.WaitForAssertion(() => Assert.Equal(before + 1, Number(cut.Find(".screen-kpi.tasks-done .kpi-value").TextContent)), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task RevokingTheToken_WhileTheScreenIsOpen_ReplacesEverythingWithTheRefusal()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (id, token) = await CreateTokenAsync(db);
        await using var ctx = Context(db);
        var cut = RenderAt(ctx, token);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".screen-kpi")));

        // The change feed is not polled here: the screen's own timer must find the revocation by itself.
        Assert.True((await new DisplayTokenCommands(db.Factory, db.Clock).RevokeAsync(await db.ActorAsync("admin"), id)).Ok);

        cut.WaitForAssertion(() => Assert.Contains(ScreenPage.Refusal, cut.Markup), TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll(".screen-kpi"));
        Assert.DoesNotContain("百合园社区", cut.Markup);
    }

    [Fact]
    public async Task TheScreen_RotatesToTheNextCommunity_AfterTheChosenSeconds()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        List<string> names;
        await using (var conn = await db.Factory.OpenAsync())
        {
            // The demo's 金东街道 holds 百合园社区 and its sample communities; the screen walks them in id order.
            names = (await conn.QueryAsync<string>("SELECT Name FROM Community WHERE SubDistrictId = (SELECT SubDistrictId FROM Community WHERE Id = 1) ORDER BY Id;")).AsList();
        }
        Assert.True(names.Count > 1);
        var (_, token) = await CreateTokenAsync(db);
        await using var ctx = Context(db);

        var cut = RenderAt(ctx, token, "&rotate=5");

        cut.WaitForAssertion(() => Assert.Equal("百合园社区", cut.Find(".screen-community").TextContent.Trim()));
        Assert.Equal($"1 / {names.Count}", cut.Find(".screen-position").TextContent.Trim());
        Assert.Contains("animation-duration:5s", cut.Find(".screen-progress span").GetAttribute("style"));
        cut.WaitForAssertion(() => Assert.Equal(names[1], cut.Find(".screen-community").TextContent.Trim()), TimeSpan.FromSeconds(8));
        Assert.Equal($"2 / {names.Count}", cut.Find(".screen-position").TextContent.Trim());
    }

    private static int Number(string text) => int.Parse(new string(text.Where(char.IsAsciiDigit).ToArray()));

    private static IRenderedComponent<ScreenPage> RenderAt(BunitContext ctx, string? token, string more = "")
    {
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(token is null ? "screen" + (more.Length > 0 ? "?" + more[1..] : "") : $"screen?token={Uri.EscapeDataString(token)}{more}");
        return ctx.Render<ScreenPage>();
    }

    private static async Task<(int Id, string Token)> CreateTokenAsync(TestDatabase db)
    {
        var token = DisplayTokenSecret.NewToken();
        await using var conn = await db.Factory.OpenAsync();
        var subDistrict = await conn.ExecuteScalarAsync<int>("SELECT SubDistrictId FROM Community WHERE Id = 1;");
        var result = await new DisplayTokenCommands(db.Factory, db.Clock).CreateAsync(await db.ActorAsync("admin"), subDistrict, "指挥中心大屏", token);
        return (result.Id!.Value, token);
    }

    private static BunitContext Context(TestDatabase db)
    {
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock)
            .AddSingleton<DisplayTokenQueries>().AddSingleton<ScreenQueries>()
            .AddSingleton<OverviewQueries>().AddSingleton<TaskWorkflowQueries>()
            .AddSingleton<ChangeFeedQueries>().AddSingleton<ChangeFeed>()
            .AddScoped<ReconnectNotifier>()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }
}
