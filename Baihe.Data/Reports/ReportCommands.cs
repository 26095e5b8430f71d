using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Reports;

/// <summary>
/// What an export may contain for an actor: the whole community, one team's roster only, or (with
/// <see cref="SubDistrictId"/>) every community of a sub-district rolled up into one workbook.
/// </summary>
public sealed record ExportScope(int CommunityId, int? RosterOnlyTeamId, bool FullPhones)
{
    /// <summary>Set for a sub-district roll-up; <see cref="CommunityId"/> is then 0.</summary>
    public int? SubDistrictId { get; init; }

    /// <summary>The roll-up of a sub-district, phones masked as officials see them.</summary>
    public static ExportScope SubDistrict(int subDistrictId) => new(0, null, FullPhones: false) { SubDistrictId = subDistrictId };
}

/// <summary>Authorizes exports and audits them (who, when, scope, row count, the file's SHA-256).</summary>
public sealed class ReportCommands(DbConnectionFactory db, BaiheClock clock)
{
    private const string CommunitySql = "SELECT SubDistrictId FROM Community WHERE Id = @CommunityId;";

    private const string TeamCommunitySql = "SELECT CommunityId FROM Team WHERE Id = @TeamId;";

    /// <summary>
    /// What the actor may export of a community: a secretary their community (phones in full); an official any community
    /// of their sub-district (phones masked); a lead only their own team's roster (phones in full). Others are refused.
    /// </summary>
    public async Task<ExportScope> ScopeAsync(Actor actor, int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var subDistrict = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(CommunitySql, new { CommunityId = communityId }, cancellationToken: ct));
        if (subDistrict is not null)
        {
            if (actor.IsSecretaryOf(communityId))
            {
                return new ExportScope(communityId, null, FullPhones: true);
            }
            if (actor.Role == Roles.Official && actor.SubDistrictId == subDistrict)
            {
                return new ExportScope(communityId, null, FullPhones: false);
            }
            if (actor.Role == Roles.Lead && actor.TeamId is int team
                && await conn.ExecuteScalarAsync<int?>(new CommandDefinition(TeamCommunitySql, new { TeamId = team }, cancellationToken: ct)) == communityId)
            {
                return new ExportScope(communityId, team, FullPhones: true);
            }
        }
        throw await Journal.DeniedAsync(db, actor, clock.Now, "Report.Export", "Community", communityId, null, ct);
    }

    /// <summary>
    /// The sub-district roll-up (every community, one workbook): only an official of that sub-district may export it.
    /// Secretaries and leads run one community or one team and are refused, with the refusal audited.
    /// </summary>
    public async Task<ExportScope> SubDistrictScopeAsync(Actor actor, int subDistrictId, CancellationToken ct = default)
    {
        if (actor.Role == Roles.Official && actor.SubDistrictId == subDistrictId)
        {
            return ExportScope.SubDistrict(subDistrictId);
        }
        throw await Journal.DeniedAsync(db, actor, clock.Now, "Report.Export", "SubDistrict", subDistrictId, null, ct);
    }

    /// <summary>Writes the audit row of a sub-district roll-up once its file (or files) are built.</summary>
    public async Task<CommandResult> RecordSubDistrictExportAsync(Actor actor, int subDistrictId, string month, int rows, string sha256, CancellationToken ct = default)
    {
        // Re-checked here so that an audit row can only describe an export the actor was allowed to make.
        await SubDistrictScopeAsync(actor, subDistrictId, ct);
        await using var conn = await db.OpenAsync(ct);
        await Journal.AuditAsync(conn, null, actor, clock.Now, "Report.Export", "SubDistrict", subDistrictId, null,
            new { Month = month, Scope = $"subdistrict:{subDistrictId}", Rows = rows, Sha256 = sha256 }, ct);
        return CommandResult.Success();
    }

    /// <summary>Writes the export's audit row once the file is built.</summary>
    public async Task<CommandResult> RecordExportAsync(Actor actor, ExportScope scope, string month, int rows, string sha256, CancellationToken ct = default)
    {
        if (scope.SubDistrictId is int subDistrict)
        {
            return await RecordSubDistrictExportAsync(actor, subDistrict, month, rows, sha256, ct);
        }
        // Re-checked here so that an audit row can only describe an export the actor was allowed to make.
        var allowed = await ScopeAsync(actor, scope.CommunityId, ct);
        await using var conn = await db.OpenAsync(ct);
        await Journal.AuditAsync(conn, null, actor, clock.Now, "Report.Export", "Community", scope.CommunityId, null,
            new { Month = month, Scope = allowed.RosterOnlyTeamId is int t ? $"team:{t}" : "community", Rows = rows, Sha256 = sha256 }, ct);
        return CommandResult.Success();
    }
}
