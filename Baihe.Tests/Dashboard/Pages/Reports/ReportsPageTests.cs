using Baihe.Dashboard.Components.Pages.Reports;
using Baihe.Dashboard.Services.Auth;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data;
using Baihe.Data.Database;
using Baihe.Data.Reports;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Reports;

public class ReportsPageTests
{
    private static async Task<BunitContext> ContextAsync(TestDatabase db, string userName)
    {
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(FixedTimeProvider.Default))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .AddSingleton<ExportGate>().AddSingleton<ReportExporter>().AddSingleton(new ReportOptions())
            .AddSingleton<ReportArchiver>().AddScoped<CurrentActor>();
        ctx.SignIn(await db.ActorAsync(userName), userName);
        ctx.Render<MudBlazor.MudPopoverProvider>();
        return ctx;
    }

    private static async Task GenerateAsync(TestDatabase db, string userName, ArchivedReportScope scope, string month)
    {
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(FixedTimeProvider.Default))
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, db.Factory.ConnectionString))
            .AddSingleton<ExportGate>().AddSingleton<ReportExporter>().AddSingleton(new ReportOptions()).AddSingleton<ReportArchiver>()
            .BuildServiceProvider();
        Assert.Null((await services.GetRequiredService<ReportArchiver>().GenerateAsync(await db.ActorAsync(userName), scope, month, userName)).Error);
    }

    [Fact]
    public async Task History_ListsTheSecretarysVersionsWithWhoSha256AndADownloadLink_AndOffersGenerate()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await GenerateAsync(db, "shuji", new ArchivedReportScope(1, 1), "2026-10");
        await GenerateAsync(db, "shuji", new ArchivedReportScope(1, 1), "2026-10");
        await GenerateAsync(db, "jiedao", new ArchivedReportScope(2, 1), "2026-10");
        await using var ctx = await ContextAsync(db, "shuji");

        var cut = ctx.Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".history-table tbody tr").Count));
        Assert.Equal(["第 2 版", "第 1 版"], cut.FindAll(".history-version").Select(e => e.TextContent.Trim()));
        Assert.All(cut.FindAll(".history-sha"), e => Assert.Equal(64, e.TextContent.Trim().Length));
        Assert.All(cut.FindAll(".history-download"), a => Assert.StartsWith("reports/archive/", a.GetAttribute("href")));
        Assert.Single(cut.FindAll("button.generate"));
    }

    [Fact]
    public async Task History_FiltersFromTheUrl_AndABadMonthIsNamedNotACrash()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await GenerateAsync(db, "jiedao", new ArchivedReportScope(1, 1), "2026-10");
        await GenerateAsync(db, "jiedao", new ArchivedReportScope(2, 1), "2026-09");
        await GenerateAsync(db, "jiedao", new ArchivedReportScope(null, 1), "2026-10");
        await using var ctx = await ContextAsync(db, "jiedao");
        var nav = ctx.Services.GetRequiredService<NavigationManager>();

        nav.NavigateTo("/reports?month=2026-10&community=all");
        var cut = ctx.Render<ReportsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".history-table tbody tr")));
        Assert.Contains("全街道汇总", cut.Find(".history-scope").TextContent);

        nav.NavigateTo("/reports?month=2026-13");
        var bad = ctx.Render<ReportsPage>();
        bad.WaitForAssertion(() => Assert.Equal(3, bad.FindAll(".history-table tbody tr").Count));
        Assert.Contains("2026-13", bad.Find(".history-problem").TextContent);
    }

    [Fact]
    public async Task ALead_SeesNoArchive_AndNoGenerateButton()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await GenerateAsync(db, "shuji", new ArchivedReportScope(1, 1), "2026-10");
        await using var ctx = await ContextAsync(db, "jinjiejie");

        var cut = ctx.Render<ReportsPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".history-empty")));
        Assert.Empty(cut.FindAll("button.generate"));
    }
}
