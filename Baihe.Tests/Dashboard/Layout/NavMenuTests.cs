using Baihe.Dashboard.Components.Layout;
using Baihe.Data.Accounts;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Layout;

/// <summary>
/// The menu is plain markup rather than MudNavLink/AuthorizeView (fewer components per circuit), so what those gave
/// for free is checked here: links by role, and the active link.
/// </summary>
public class NavMenuTests
{
    [Theory]
    [InlineData(Roles.Admin, true, true, true, true)]
    [InlineData(Roles.Lead, false, true, false, false)]
    [InlineData(Roles.Official, false, true, true, false)]
    [InlineData(Roles.Secretary, false, true, false, true)]
    public async Task Links_ForAdminAndReports_FollowTheRole(string role, bool seesAccounts, bool seesReports, bool seesDistrict, bool seesImport)
    {
        await using var ctx = BunitTestContext.Create();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(role);

        var cut = ctx.Render<NavMenu>();

        var hrefs = cut.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToList();
        // Thirteen links for everyone (成员名册 and 百合邻长 included); an administrator has two admin links: 账户与角色 and 大屏令牌.
        Assert.Contains("members", hrefs);
        Assert.Contains("leaders", hrefs);
        // 服务证明 for those who keep a certificate register: secretaries and administrators.
        var seesCertificates = role is Roles.Admin or Roles.Secretary;
        // 督办 for those with a supervision list: officials, secretaries and administrators.
        var seesSupervision = role is Roles.Admin or Roles.Secretary or Roles.Official;
        // 回访抽查 for those who draw and make the callbacks: secretaries.
        var seesCallbacks = role is Roles.Secretary;
        // 操作日志 for everyone who may read some of the audit log: every role but team leads.
        var seesAudit = role is not Roles.Lead;
        Assert.Equal(13 + (seesAccounts ? 2 : 0) + (seesReports ? 1 : 0) + (seesDistrict ? 1 : 0) + (seesImport ? 1 : 0) + (seesCertificates ? 1 : 0)
            + (seesSupervision ? 1 : 0) + (seesCallbacks ? 1 : 0) + (seesAudit ? 1 : 0), hrefs.Count);
        Assert.Equal(seesSupervision, hrefs.Contains("tasks/supervision"));
        Assert.Equal(seesCallbacks, hrefs.Contains("tasks/callbacks"));
        Assert.Equal(seesAudit, hrefs.Contains("admin/audit"));
        Assert.Equal(seesImport, hrefs.Contains("import"));
        Assert.Equal(seesCertificates, hrefs.Contains("certificates"));
        Assert.Equal(seesDistrict, hrefs.Contains("district"));
        Assert.Equal(seesAccounts, hrefs.Contains("admin/users"));
        Assert.Equal(seesAccounts, hrefs.Contains("admin/screens"));
        Assert.Equal(seesReports, hrefs.Contains("reports"));
    }

    [Fact]
    public async Task ActiveLink_IsTheRootOnlyOnTheRoot_AndAPrefixElsewhere()
    {
        await using var ctx = BunitTestContext.Create();
        // A secretary, who sees 回访抽查 under 民呼我应's path.
        ctx.AddAuthorization().SetAuthorized("someone").SetRoles(Roles.Secretary);
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        var cut = ctx.Render<NavMenu>();

        string[] Active() => cut.FindAll("a.active").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal([""], Active());

        nav.NavigateTo("teams/3?tab=roster");
        cut.WaitForAssertion(() => Assert.Equal(["teams"], Active()));
        Assert.Equal("page", cut.Find("a.active").GetAttribute("aria-current"));

        nav.NavigateTo("tasks-archive");
        cut.WaitForAssertion(() => Assert.Empty(Active()));

        // A page under another link's path marks only its own link; a task still marks 民呼我应.
        nav.NavigateTo("tasks/callbacks?month=2026-05");
        cut.WaitForAssertion(() => Assert.Equal(["tasks/callbacks"], Active()));
        nav.NavigateTo("tasks/12");
        cut.WaitForAssertion(() => Assert.Equal(["tasks"], Active()));
    }

    [Fact]
    public async Task ActiveLink_UnderALongerLink_IsOnlyTheLongerOne()
    {
        await using var ctx = BunitTestContext.Create();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(Roles.Official);
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        var cut = ctx.Render<NavMenu>();

        string[] Active() => cut.FindAll("a.active").Select(a => a.GetAttribute("href")!).ToArray();
        nav.NavigateTo("tasks/supervision?q=路灯");
        cut.WaitForAssertion(() => Assert.Equal(["tasks/supervision"], Active()));

        nav.NavigateTo("tasks/12");
        cut.WaitForAssertion(() => Assert.Equal(["tasks"], Active()));
    }
}
