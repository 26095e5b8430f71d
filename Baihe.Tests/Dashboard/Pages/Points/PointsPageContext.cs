using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Communities;
using Baihe.Data.Points;
using Baihe.Data.Residents;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Baihe.Tests.Dashboard.Pages.Points;

/// <summary>
/// A bUnit context for the points pages, signed in as a seeded account, with the dialog provider rendered so a
/// confirmation can be answered: <see cref="Answer"/> presses one of its buttons.
/// </summary>
public static class PointsPageContext
{
    public static async Task<(BunitContext Context, IRenderedComponent<MudDialogProvider> Dialogs)> CreateAsync(TestDatabase db, string userName)
    {
        var actor = await db.ActorAsync(userName);
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock)
            .AddSingleton<PointsQueries>().AddSingleton<ExchangeQueries>().AddSingleton<ExchangeCommands>()
            .AddSingleton<LedgerCommands>().AddSingleton<ActivityQueries>().AddSingleton<ActivityCommands>().AddSingleton<Baihe.Data.Certificates.CertificateQueries>()
            .AddSingleton<EvaluationQueries>().AddSingleton<EvaluationCommands>().AddSingleton<TeamQueries>()
            .AddSingleton<CommunityQueries>().AddSingleton<ResidentQueries>().AddSingleton<Baihe.Data.Audit.AuditQueries>().AddScoped<CurrentActor>();
        ctx.SignIn(actor, userName);
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        return (ctx, dialogs);
    }

    /// <summary>Waits for the open confirmation, checks it says <paramref name="says"/>, and presses <paramref name="button"/>.</summary>
    public static void Answer(IRenderedComponent<MudDialogProvider> dialogs, string says, string button)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(says, dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain(says, dialogs.Markup));
    }
}
