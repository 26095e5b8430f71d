using Baihe.Dashboard.Components.Pages.Import;
using Baihe.Dashboard.Services.Auth;
using Baihe.Dashboard.Services.Import;
using Baihe.Data.Communities;
using Baihe.Data.Import;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Import;

public class ImportPageTests
{
    private static async Task<BunitContext> ContextAsync(TestDatabase db, string userName)
    {
        var actor = await db.ActorAsync(userName);
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock).AddSingleton<CommunityQueries>()
            .AddSingleton<ImportCommands>().AddSingleton(new ImportDownloads(TimeProvider.System)).AddScoped<CurrentActor>();
        ctx.SignIn(actor, userName);
        ctx.Render<MudBlazor.MudPopoverProvider>();
        return ctx;
    }

    [Fact]
    public async Task ASecretaryAskingForAnotherCommunity_IsRefused_Audited_AndOfferedNoUpload()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "shuji");

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/import?community=2");
        var cut = ctx.Render<ImportPage>();

        cut.WaitForAssertion(() => Assert.Equal(CommunityChoice.Refused, cut.Find(".import-refusal").TextContent));
        Assert.Empty(cut.FindAll("#import-file"));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Community.Read' AND EntityId = '2';"));
    }

    [Fact]
    public async Task AnAdmin_ChoosesAmongAllCommunities()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "admin");

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/import?community=3");
        var cut = ctx.Render<ImportPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".import-community")));
        Assert.Contains("community=3", cut.Find("a.template").GetAttribute("href"));
    }

    [Fact]
    public async Task AFileWithErrors_ListsThemWithAnErrorWorkbook_AndOffersNoCommit()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "shuji");
        var cut = ctx.Render<ImportPage>();
        cut.WaitForAssertion(() => cut.Find("#import-file"));

        var bytes = ImportWorkbooks.Build([["页面导入", "13900000041", "第一网格", null, null, null], ["页面坏行", "139", "第九网格", null, null, null]]);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "名册.xlsx"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".problems tbody tr").Count));
        Assert.Contains("第 3 行", cut.Find(".problems tbody tr").TextContent);
        Assert.StartsWith("import/errors/", cut.Find("a.errors").GetAttribute("href"));
        Assert.Empty(cut.FindAll("button.commit"));
    }

    [Fact]
    public async Task AGoodFile_ShowsTheCounts_AndTheCommitButton()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "shuji");
        var cut = ctx.Render<ImportPage>();
        cut.WaitForAssertion(() => cut.Find("#import-file"));

        var bytes = ImportWorkbooks.Build([["页面导入", "13900000041", "第一网格", "是", null, null]], [["页面导入", "13900000041", "金姐姐", "队员", new DateTime(2025, 1, 2)]]);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "名册.xlsx"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button.commit")));
        Assert.Contains("新增居民 1", cut.Find(".new-residents").TextContent);
        Assert.Contains("新增队伍成员关系 1", cut.Find(".new-memberships").TextContent);
        Assert.Empty(cut.FindAll(".problems"));
    }

    [Fact]
    public async Task NotAWorkbook_SaysSoInChinese()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = await ContextAsync(db, "shuji");
        var cut = ctx.Render<ImportPage>();
        cut.WaitForAssertion(() => cut.Find("#import-file"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("姓名,手机号", "名册.csv"));

        cut.WaitForAssertion(() => Assert.Contains(ImportWorkbookReader.NotXlsx, cut.Find(".file-error").TextContent));
    }
}
