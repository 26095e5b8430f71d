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
}
