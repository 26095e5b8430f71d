using Baihe.Dashboard.Components.Pages.Teams;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Communities;
using Baihe.Data.Residents;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Teams;

/// <summary>The team page over a real database: the editor in a dialog, and leaving asked first.</summary>
public class TeamPageTests
{
    [Fact]
    public async Task RecordLeave_Cancelled_WritesNothing_AndConfirmed_WritesOnce_EvenOnADoubleClick()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var jin = (await new TeamQueries(db.Factory).ListAsync(1)).Single(t => t.Name == "金姐姐").Id;
        await using var ctx = await ContextAsync(db, "jinjiejie");
        var dialogs = ctx.Render<MudBlazor.MudDialogProvider>();
        var cut = ctx.Render<TeamPage>(p => p.Add(x => x.Id, jin));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".edit-member")));
        var name = cut.FindAll(".member-name")[^1].TextContent.Trim();
        var leftBefore = await LeftAsync(db, jin);

        cut.FindAll(".edit-member")[^1].Click();
        dialogs.WaitForAssertion(() => Assert.Contains(name, dialogs.Find(".roster-editor .editor-title").TextContent));
        dialogs.Find(".edit-reason input").Change("搬家");
        dialogs.Find(".leave-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains($"{name} 将登记为", dialogs.Markup));
        Assert.Contains("不再计入本队在册人数", dialogs.Markup);
        // A second submit while the question is open asks nothing more and writes nothing.
        dialogs.Find(".leave-form").Submit();
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("将登记为", dialogs.Markup));
        Assert.Equal(leftBefore, await LeftAsync(db, jin));

        dialogs.Find(".leave-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("button"), b => b.TextContent.Trim() == "确认离队"));
        var confirm = dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "确认离队");
        confirm.Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain(cut.FindAll(".member-name"), n => n.TextContent.Trim() == name));
        Assert.Equal(leftBefore + 1, await LeftAsync(db, jin));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Roster.RecordLeave';"));
    }

    private static async Task<int> LeftAsync(TestDatabase db, int team)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Membership WHERE TeamId = @team AND LeftOn IS NOT NULL;", new { team });
    }

    private static async Task<BunitContext> ContextAsync(TestDatabase db, string userName)
    {
        var actor = await db.ActorAsync(userName);
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock)
            .AddSingleton<TeamQueries>().AddSingleton<RosterQueries>().AddSingleton<RosterCommands>()
            .AddSingleton<CommunityQueries>().AddSingleton<ResidentQueries>().AddSingleton<Baihe.Data.Audit.AuditQueries>().AddScoped<CurrentActor>();
        ctx.SignIn(actor, userName);
        ctx.Render<MudBlazor.MudPopoverProvider>();
        return ctx;
    }
}
