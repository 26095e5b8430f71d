using System.Security.Claims;
using Baihe.Dashboard.Components.Pages.Tasks;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Tasks;

/// <summary>回访抽查: the secretary sees what a draw would take before drawing, then the drawn tasks with their links.</summary>
public class CallbackListPageTests
{
    [Fact]
    public async Task BeforeADraw_ThePageSaysHowManyItWouldTake_AndAfterIt_ListsTheTasksWithTheirLinks()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = Context(db);
        var queries = ctx.Services.GetRequiredService<CallbackQueries>();
        var preview = await queries.PreviewAsync(1);

        var cut = ctx.Render<CallbackListPage>();

        cut.WaitForAssertion(() => Assert.Contains($"上月办结 {preview.Population} 件，按 30% 抽取 {preview.SampleSize} 件。", cut.Find(".callback-preview").TextContent));
        Assert.Single(cut.FindAll("button.draw-callbacks"));

        var draw = await ctx.Services.GetRequiredService<CallbackCommands>().DrawAsync(await db.ActorAsync("shuji"), 1);
        Assert.True(draw.Ok, draw.Error);
        var again = ctx.Render<CallbackListPage>();

        again.WaitForAssertion(() => Assert.Equal(preview.SampleSize, again.FindAll("a.task-link").Count));
        Assert.Empty(again.FindAll("button.draw-callbacks"));
        Assert.Contains($"从办结的 {preview.Population} 件中按 30% 抽取 {preview.SampleSize} 件，已记录 0 件", again.Find(".callback-summary").TextContent);
        Assert.All(again.FindAll("a.task-link"), a => Assert.StartsWith("tasks/", a.GetAttribute("href")));
        Assert.Equal(preview.SampleSize, again.FindAll("button.record-callback").Count);
    }

    [Fact]
    public async Task AnUnreadableMonth_IsExplainedInChinese_AndLastMonthIsShown()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = Context(db);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/tasks/callbacks?month=2026-13");

        var cut = ctx.Render<CallbackListPage>();

        cut.WaitForAssertion(() => Assert.Contains("月份“2026-13”无法识别", cut.Find(".list-problems").TextContent));
        Assert.Single(cut.FindAll(".callback-preview"));
    }

    private static BunitContext Context(TestDatabase db)
    {
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory);
        ctx.Services.AddSingleton(db.Clock);
        ctx.Services.AddSingleton(TaskOptions.Default);
        ctx.Services.AddSingleton<CommunityQueries>();
        ctx.Services.AddSingleton<CallbackQueries>();
        ctx.Services.AddSingleton<CallbackCommands>();
        ctx.Services.AddScoped<CurrentActor>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("shuji");
        auth.SetRoles(Roles.Secretary);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"), new Claim(BaiheClaims.Community, "1"));
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }
}
