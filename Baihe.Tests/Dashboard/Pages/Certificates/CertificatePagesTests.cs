using Baihe.Dashboard.Components.Pages.Certificates;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Certificates;
using Baihe.Data.Communities;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Baihe.Tests.Dashboard.Pages.Certificates;

/// <summary>The issue page and the printable certificate, rendered with bUnit over a seeded database file.</summary>
public class CertificatePagesTests
{
    [Fact]
    public async Task IssuePage_PreviewsTheHours_AsksWithTheNumber_AndIssuesOnceOnConfirm()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var member = await VolunteerWithServicesAsync(db);
        var (ctx, dialogs) = await ContextAsync(db, "shuji");
        await using var _ = ctx;
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"certificates/new?community=1&member={member}");
        var expected = await new CertificateQueries(db.Factory, db.Clock).ServicesAsync(1, member, new DateTime(db.Clock.Today.Year, 1, 1), db.Clock.Today);

        var cut = ctx.Render<CertificateIssuePage>();
        cut.WaitForAssertion(() => Assert.Contains($"累计 {ServiceHours.Format(expected.TotalMinutes)} 小时", cut.Find(".services-total").TextContent));
        cut.Find("button.issue").Click();
        cut.WaitForAssertion(() => Assert.Contains("请填写负责人", cut.Find(".issue-error").TextContent));
        cut.Find(".principal input").Change("李书记");
        cut.Find(".contact input").Change("0754-88888888");
        cut.Find("button.issue").Click();
        var number = $"百合园〔{db.Clock.Today.Year}〕第0001号";
        dialogs.WaitForAssertion(() => Assert.Contains($"将出具证明 {number}", dialogs.Markup));
        Assert.Contains($"服务 {ServiceHours.Format(expected.TotalMinutes)} 小时，出具后不能修改，只能作废。", dialogs.Markup);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "出具").Click();

        cut.WaitForAssertion(() => Assert.True(ctx.Services.GetRequiredService<NavigationManager>().Uri.EndsWith("certificates?community=1"), cut.FindAll(".issue-error").FirstOrDefault()?.TextContent));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM ServiceCertificate WHERE MemberId = @member AND Number = @number;", new { member, number }));
        Assert.Equal(expected.TotalMinutes, await conn.ExecuteScalarAsync<int>("SELECT ServiceMinutes FROM ServiceCertificate WHERE MemberId = @member;", new { member }));
    }

    [Fact]
    public async Task PrintPage_StatesEveryLineTheRulesAskFor_AndAVoidedOneSays已作废()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var member = await VolunteerWithServicesAsync(db);
        var commands = new CertificateCommands(db.Factory, db.Clock);
        var id = (await commands.IssueAsync(shuji, new CertificateRequest(1, member, new DateTime(db.Clock.Today.Year, 1, 1), db.Clock.Today,
            "李书记", "王经办", "0754-88888888"))).Id!.Value;
        var c = (await new CertificateQueries(db.Factory, db.Clock).OneAsync(id))!;
        var (ctx, _) = await ContextAsync(db, "shuji");
        await using var __ = ctx;

        var cut = ctx.Render<CertificatePrintPage>(p => p.Add(x => x.Id, id));
        cut.WaitForAssertion(() => Assert.Contains(c.Number, cut.Find(".certificate-number").TextContent));
        var text = cut.Find("article.certificate").TextContent;
        foreach (var line in new[] { c.VolunteerName, "居民身份证", c.IdNumberMasked, c.VolunteerNo, ServiceHours.Format(c.ServiceMinutes) + " 小时",
                     "不含往返交通时间", "汕头市金平区金东街道百合园社区", "李书记", "王经办", "0754-88888888", c.Content })
        {
            Assert.Contains(line, text);
        }
        Assert.Empty(cut.FindAll(".void-stamp"));

        Assert.True((await commands.VoidAsync(shuji, id, "服务期间填错")).Ok);
        var voided = ctx.Render<CertificatePrintPage>(p => p.Add(x => x.Id, id));
        voided.WaitForAssertion(() => Assert.Equal("已作废", voided.Find(".void-stamp").TextContent.Trim()));
        Assert.Contains("服务期间填错", voided.Find(".void-note").TextContent);
    }

    [Fact]
    public async Task PrintPage_ForACertificateThatIsNotTheUsers_IsRefusedAndAudited()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (ctx, _) = await ContextAsync(db, "shuji");
        await using var __ = ctx;

        var cut = ctx.Render<CertificatePrintPage>(p => p.Add(x => x.Id, 424242));

        cut.WaitForAssertion(() => Assert.Contains(CertificateChoice.Refused, cut.Find(".refusal").TextContent));
        Assert.Empty(cut.FindAll("article.certificate"));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:Certificate.Read' AND EntityId = '424242';"));
    }

    private static async Task<int> VolunteerWithServicesAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("""
            SELECT MIN(at.MemberId) FROM Attendance at JOIN Activity a ON a.Id = at.ActivityId JOIN Team t ON t.Id = a.TeamId
            JOIN Member m ON m.Id = at.MemberId
            WHERE t.CommunityId = 1 AND t.Kind = 'VolunteerService' AND a.Status = 'Closed' AND m.VolunteerNo IS NOT NULL AND a.HeldOn >= @From;
            """, new { From = new DateTime(db.Clock.Today.Year, 1, 1) });
    }

    private static async Task<(BunitContext Context, IRenderedComponent<MudDialogProvider> Dialogs)> ContextAsync(TestDatabase db, string userName)
    {
        var actor = await db.ActorAsync(userName);
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock)
            .AddSingleton<CertificateQueries>().AddSingleton<CertificateCommands>().AddSingleton<CommunityQueries>()
            .AddSingleton<UserQueries>().AddScoped<CurrentActor>();
        ctx.SignIn(actor, userName);
        ctx.Render<MudPopoverProvider>();
        var dialogs = ctx.Render<MudDialogProvider>();
        return (ctx, dialogs);
    }
}
