using Baihe.Data.Accounts;

namespace Baihe.Data.Audit;

/// <summary>
/// Who may read the audit log: administrators every row; an official the rows about their 街道's communities; a
/// secretary the rows about their own community; team leads none. Rows about no community (accounts, display tokens)
/// are administrators' only. Pure functions, asked by the page, the export and the queries.
/// </summary>
public static class AuditRules
{
    /// <summary>The rows the actor may read, or null for none.</summary>
    public static AuditView? ViewFor(Actor actor) => actor.Role switch
    {
        Roles.Admin => new AuditView(true, null, null),
        Roles.Official when actor.SubDistrictId is int subDistrict => new AuditView(false, subDistrict, null),
        Roles.Secretary when actor.CommunityId is int community => new AuditView(false, null, community),
        _ => null,
    };

    /// <summary>Whether the actor may open the audit log at all (and export what it shows).</summary>
    public static bool CanRead(Actor actor) => ViewFor(actor) is not null;

    /// <summary>Whether the actor may read one row about <paramref name="row"/>.</summary>
    public static bool CanReadRow(Actor actor, AuditRowScope row) => ViewFor(actor) switch
    {
        { All: true } => true,
        { SubDistrictId: int subDistrict } => row.CommunityId is not null && row.SubDistrictId == subDistrict,
        { CommunityId: int community } => row.CommunityId == community,
        _ => false,
    };

    /// <summary>
    /// Whole phone numbers in before/after values: only a secretary, whose view is their own community's register, as
    /// on the member list (<c>MemberRules.SeesFullPhone</c>); officials and administrators see them masked.
    /// </summary>
    public static bool SeesFullPhones(Actor actor) => ViewFor(actor) is { CommunityId: int community } && actor.IsSecretaryOf(community);

    /// <summary>Moving old rows out of the log (<c>audit-archive</c>): administrators and the server's own CLI as administrator.</summary>
    public static bool CanArchive(Actor actor) => actor.Role == Roles.Admin;
}
