using Baihe.Data.Accounts;

namespace Baihe.Data.Reports;

/// <summary>
/// Who may export what: the one answer the /reports page (which scopes to offer), the exporter (what to build) and
/// <see cref="ReportCommands"/> (what the audit row may describe) all ask.
/// </summary>
public static class ReportRules
{
    /// <summary>
    /// What the actor may export of a community: a secretary their community (phones in full); an official any community
    /// of their sub-district (phones masked); a lead only their own team's roster (phones in full). Null for anyone else.
    /// </summary>
    public static ExportScope? ScopeFor(Actor actor, ReportTarget community)
    {
        if (actor.IsSecretaryOf(community.CommunityId))
        {
            return new ExportScope(community.CommunityId, null, FullPhones: true);
        }
        if (actor.Role == Roles.Official && actor.SubDistrictId == community.SubDistrictId)
        {
            return new ExportScope(community.CommunityId, null, FullPhones: false);
        }
        if (actor.Role == Roles.Lead && actor.TeamId is int team && community.TeamIds.Contains(team))
        {
            return new ExportScope(community.CommunityId, team, FullPhones: true);
        }
        return null;
    }

    /// <summary>
    /// The sub-district roll-up (every community, one workbook): only an official of that sub-district may export it.
    /// Secretaries and leads run one community or one team. Null when refused.
    /// </summary>
    public static ExportScope? SubDistrictScopeFor(Actor actor, int subDistrictId) =>
        actor.Role == Roles.Official && actor.SubDistrictId == subDistrictId ? ExportScope.SubDistrict(subDistrictId) : null;

    /// <summary>
    /// Which archived reports the actor may list and download: an administrator every one; an official their
    /// sub-district's communities and its roll-up; a secretary their community. Leads export their roster only and see
    /// no archive. Null for anyone who sees none.
    /// </summary>
    public static ArchiveView? ArchiveViewFor(Actor actor) => actor.Role switch
    {
        Roles.Admin => new ArchiveView(true, null, null),
        Roles.Official when actor.SubDistrictId is int subDistrict => new ArchiveView(false, subDistrict, null),
        Roles.Secretary when actor.CommunityId is int community => new ArchiveView(false, null, community),
        _ => null,
    };

    /// <summary>Whether the actor may download an archived report of <paramref name="scope"/>.</summary>
    public static bool CanReadArchived(Actor actor, ArchivedReportScope scope) => ArchiveViewFor(actor)?.Includes(scope) == true;

    /// <summary>
    /// Whether the actor may generate (and archive) a new version of a report of <paramref name="scope"/>: the same
    /// answer as exporting it in full, so a lead (roster only) may not.
    /// </summary>
    public static bool CanGenerate(Actor actor, ArchivedReportScope scope, ReportTarget? community) =>
        scope.CommunityId is null
            ? SubDistrictScopeFor(actor, scope.SubDistrictId) is not null
            : community is not null && community.CommunityId == scope.CommunityId && ScopeFor(actor, community) is { RosterOnlyTeamId: null };
}
