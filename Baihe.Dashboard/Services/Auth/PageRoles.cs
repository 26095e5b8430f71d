using Baihe.Data.Accounts;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>
/// Who may open the pages that not every signed-in role may open: one definition read by the pages'
/// <c>[Authorize(Roles = ...)]</c> and by the menu, so a link is shown exactly where its page opens.
/// Pages without an entry here are open to every signed-in user.
/// </summary>
public static class PageRoles
{
    /// <summary>/reports: every role with a community scope (a lead exports their roster), and administrators, who read the archive.</summary>
    public const string Reports = Roles.Official + "," + Roles.Secretary + "," + Roles.Lead + "," + Roles.Admin;

    /// <summary>/district (街道总览): the people whose home is the district view (<c>DashboardRules.HomeIsDistrict</c>).</summary>
    public const string District = Roles.Official + "," + Roles.Admin;

    /// <summary>/tasks/new and /wishes/new: the people who take residents' calls and wishes.</summary>
    public const string Intake = Roles.Secretary + "," + Roles.Lead;

    /// <summary>/import: who may import a roster workbook (<c>ImportRules.CanImport</c>): secretaries, and admins for any community.</summary>
    public const string Import = Roles.Secretary + "," + Roles.Admin;
    /// <summary>/certificates (服务证明 and their register): the people who keep a community's register (<c>CertificateRules.CanKeep</c>).</summary>
    public const string Certificates = Roles.Secretary + "," + Roles.Admin;

    /// <summary>/tasks/supervision (督办): officials and administrators across communities, secretaries their own (<c>TaskRules.SupervisionViewFor</c>).</summary>
    public const string Supervision = Roles.Official + "," + Roles.Secretary + "," + Roles.Admin;

    /// <summary>/tasks/callbacks (回访抽查): the people who draw and make the callbacks (<c>TaskRules.CanSampleCallbacks</c>).</summary>
    public const string Callbacks = Roles.Secretary;

    /// <summary>/admin/audit (操作日志): who may read some of the log (<c>AuditRules.ViewFor</c>): officials, secretaries, admins.</summary>
    public const string Audit = Roles.Official + "," + Roles.Secretary + "," + Roles.Admin;

    /// <summary>/admin/*: accounts and roles.</summary>
    public const string Admin = Roles.Admin;

    /// <summary>Whether a user holding <paramref name="roles"/> may open a page limited to <paramref name="pageRoles"/>.</summary>
    public static bool Allows(string? pageRoles, IReadOnlySet<string> roles) =>
        pageRoles is null || pageRoles.Split(',').Any(roles.Contains);
}
