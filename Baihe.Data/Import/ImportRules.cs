using Baihe.Data.Accounts;

namespace Baihe.Data.Import;

/// <summary>Who may import a roster workbook: the one answer the /import page, the CLI and <see cref="ImportCommands"/> ask.</summary>
public static class ImportRules
{
    /// <summary>
    /// The secretary of the community, who keeps its register; an administrator for any community, because bringing a
    /// new community's existing workbooks in is part of setting it up. Officials and leads may not: an official's view
    /// is read-only and a lead keeps one team, while a workbook holds the whole register.
    /// </summary>
    public static bool CanImport(Actor actor, ImportTarget community) =>
        actor.IsSecretaryOf(community.CommunityId) || actor.Role == Roles.Admin;
}
