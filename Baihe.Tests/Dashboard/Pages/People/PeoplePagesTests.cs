using Baihe.Dashboard.Components.Pages.Leaders;
using Baihe.Dashboard.Components.Pages.Members;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Communities;
using Baihe.Data.Leaders;
using Baihe.Data.Members;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.People;

/// <summary>The people pages read their filters from the link: a bad value is explained in Chinese and never crashes the page.</summary>
public class PeoplePagesTests
{
    [Fact]
    public async Task TheLeadersPage_WithBadLinkValues_ExplainsThem_AndStillListsThe22Leads()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "shuji");

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/leaders?grid=abc&sort=%3Cscript%3E&community=-1");
        var cut = ctx.Render<LeadersPage>();

        cut.WaitForAssertion(() => Assert.Equal(22, cut.FindAll(".leader-points").Count));
        var problems = cut.FindAll(".link-problem").Select(e => e.TextContent).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("网格") && p.Contains("abc"));
        Assert.Contains(problems, p => p.Contains("排序"));
        Assert.Equal("22", cut.Find(".all-leads").TextContent);
    }

    [Fact]
    public async Task TheLeadersPage_WithAnotherCommunitysId_ShowsTheRefusal_AndNoLeads()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "shuji");

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/leaders?community=2");
        var cut = ctx.Render<LeadersPage>();

        cut.WaitForAssertion(() => Assert.Equal(CommunityChoice.Refused, cut.Find(".refusal").TextContent));
        Assert.Empty(cut.FindAll(".leader-points"));
    }

    [Fact]
    public async Task TheMembersPage_WithBadLinkValues_ExplainsThem_AndShowsTheFirstPageMasked()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "jiedao");

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/members?page=two&team=9999&lead=yes&grid=1.5");
        var cut = ctx.Render<MemberListPage>();

        cut.WaitForAssertion(() => Assert.Equal(MemberListFilter.PageSize, cut.FindAll(".member-phone").Count));
        var problems = cut.FindAll(".link-problem").Select(e => e.TextContent).ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("页码"));
        Assert.Contains(problems, p => p.Contains("队伍不属于本社区"));
        Assert.All(cut.FindAll(".member-phone"), e => Assert.Contains("****", e.TextContent));
    }

    private static async Task<BunitContext> ContextAsync(TestDatabase db, string userName)
    {
        var actor = await db.ActorAsync(userName);
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock).AddSingleton<CommunityQueries>()
            .AddSingleton<LeaderQueries>().AddSingleton<MemberListQueries>().AddScoped<CurrentActor>();
        ctx.SignIn(actor, userName);
        ctx.Render<MudBlazor.MudPopoverProvider>();
        return ctx;
    }
}
