using Baihe.Dashboard.Components.Pages.Deliberations;
using Baihe.Dashboard.Components.Pages.Tasks;
using Baihe.Dashboard.Services;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Communities;
using Baihe.Data.Deliberations;
using Baihe.Data.Tasks;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Baihe.Tests.Dashboard.Pages.Deliberations;

/// <summary>The 邻合百姓事 page's participant picker and the intake a meeting's decision opens.</summary>
public class DeliberationPagesTests
{
    [Fact]
    public async Task TheIntake_OpenedFromAMeeting_ArrivesPreFilledWithItsDecisionGridAndLink()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        int gridThree;
        await using (var conn = await db.Factory.OpenAsync())
        {
            gridThree = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Grid WHERE CommunityId = 1 ORDER BY SortOrder, Id LIMIT 1 OFFSET 2;");
        }
        var attendees = (await new DeliberationQueries(db.Factory, db.Clock).ParticipantsAsync(1, null))
            .Where(p => p.IsNeighbourLead).ToList();
        await using (var conn = await db.Factory.OpenAsync())
        {
            attendees = attendees.Where(p => conn.ExecuteScalar<int>("SELECT GridId FROM Member WHERE Id = @Id;", new { p.Id }) == gridThree).Take(2).ToList();
        }
        Assert.NotEmpty(attendees);
        var meeting = (await new DeliberationCommands(db.Factory, db.Clock).RecordAsync(shuji, new MeetingInput(1, db.Clock.Today, "三网格路灯",
            "三网格小路夜里太暗。", "在三网格小路加装两盏路灯。", attendees.Select(a => a.Id).ToList()))).Id!.Value;
        await using var ctx = await ContextAsync(db, "shuji");

        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameter("deliberation", meeting));
        var cut = ctx.Render<TaskIntakePage>();

        cut.WaitForAssertion(() => Assert.Contains("三网格路灯", cut.Find(".intake-meeting").TextContent));
        Assert.Equal($"deliberations?meeting={meeting}", cut.Find(".intake-meeting-link").GetAttribute("href"));
        Assert.Equal("在三网格小路加装两盏路灯。", cut.FindComponents<MudTextField<string>>().Single(c => c.Instance.Class == "intake-description").Instance.GetState(x => x.Value));
        Assert.Equal("三网格路灯", cut.FindComponents<MudTextField<string>>().Single(c => c.Instance.Class == "intake-title").Instance.GetState(x => x.Value));
        Assert.Equal(gridThree, cut.FindComponent<MudSelect<int>>().Instance.GetState(x => x.Value));
        Assert.Equal("Deliberation", cut.FindComponents<MudSelect<string>>().First().Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task TheIntake_WithAForeignMeetingId_IsRefusedInChinese_AndOffersNoForm()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "shuji");

        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameter("deliberation", 99999));
        var cut = ctx.Render<TaskIntakePage>();

        cut.WaitForAssertion(() => Assert.Equal(MeetingChoice.NotFound, cut.Find(".intake-refusal").TextContent.Trim()));
        Assert.Empty(cut.FindAll(".submit-intake"));
    }

    [Fact]
    public async Task TheParticipantPicker_OpensWithoutTyping_AndLists邻长First_MarkingOtherResidents()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "shuji", popovers: false);
        var popovers = ctx.Render<MudPopoverProvider>();

        var cut = ctx.Render<DeliberationListPage>();

        cut.WaitForElement(".participant-picker");
        var picker = cut.FindComponent<MudAutocomplete<Participant>>();
        Assert.Equal(0, picker.Instance.MinCharacters);
        var offered = (await cut.InvokeAsync(() => picker.Instance.SearchFunc!("", CancellationToken.None)!))!.ToList();
        Assert.Equal(22, offered.TakeWhile(p => p.IsNeighbourLead).Count());
        Assert.Contains(offered, p => !p.IsNeighbourLead);

        // Opening the list (the arrow) shows the names with their marks.
        await cut.InvokeAsync(() => picker.Instance.OpenMenuAsync());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".participant-option")));
        var options = popovers.FindAll(".participant-option");
        Assert.Contains("邻长", options[0].TextContent);
        Assert.Contains(options, o => o.TextContent.Contains("居民（非邻长）"));
        Assert.Equal(22, options.TakeWhile(o => o.QuerySelector(".lead-mark") is not null).Count());
    }

    private static async Task<BunitContext> ContextAsync(TestDatabase db, string userName, bool popovers = true)
    {
        var actor = await db.ActorAsync(userName);
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock).AddSingleton(new TaskDueHours())
            .AddSingleton<CommunityQueries>().AddSingleton<TeamQueries>().AddSingleton<TaskCommands>().AddSingleton<TaskWorkflowQueries>()
            .AddSingleton<DeliberationQueries>().AddSingleton<DeliberationCommands>().AddSingleton(new PhotoStore(null!))
            .AddScoped<CurrentActor>();
        ctx.SignIn(actor, userName);
        if (popovers)
        {
            ctx.Render<MudPopoverProvider>();
        }
        return ctx;
    }
}
