using Baihe.Data.Accounts;
using Baihe.Data.Database;

namespace Baihe.Data.Reports;

/// <summary>Audits exports (who, when, scope, row count, the file's SHA-256) and refused exports.</summary>
public sealed class ReportCommands(DbConnectionFactory db, BaiheClock clock)
{
    private const string Action = "Report.Export";

    /// <summary>The message of a refused community export.</summary>
    public const string CommunityRefusal = "您无权导出这个社区的报表。";

    /// <summary>The message of a refused sub-district roll-up.</summary>
    public const string SubDistrictRefusal = "只有本街道的街道干部可以导出全街道汇总。";

    /// <summary>Writes the export's audit row once the file is built.</summary>
    public Task<CommandResult> RecordExportAsync(Actor actor, ExportScope scope, string month, int rows, string sha256, CancellationToken ct = default)
    {
        if (scope.SubDistrictId is int subDistrict)
        {
            return RecordSubDistrictExportAsync(actor, subDistrict, month, rows, sha256, ct);
        }
        return WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            // Re-checked here so that an audit row can only describe an export the actor was allowed to make.
            var target = await ReportQueries.TargetAsync(w.Connection, w.Transaction, scope.CommunityId, w.CancellationToken);
            if (target is null || ReportRules.ScopeFor(actor, target) is not { } allowed)
            {
                throw await w.DeniedAsync(Action, "Community", scope.CommunityId, null, CommunityRefusal);
            }
            w.Audit(Action, "Community", scope.CommunityId, null,
                new { Month = month, Scope = allowed.RosterOnlyTeamId is int t ? $"team:{t}" : "community", Rows = rows, Sha256 = sha256 });
            return CommandResult.Success();
        }, ct);
    }

    /// <summary>Writes the audit row of a sub-district roll-up once its file (or files) are built.</summary>
    public Task<CommandResult> RecordSubDistrictExportAsync(Actor actor, int subDistrictId, string month, int rows, string sha256, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            if (ReportRules.SubDistrictScopeFor(actor, subDistrictId) is null)
            {
                throw await w.DeniedAsync(Action, "SubDistrict", subDistrictId, null, SubDistrictRefusal);
            }
            w.Audit(Action, "SubDistrict", subDistrictId, null,
                new { Month = month, Scope = $"subdistrict:{subDistrictId}", Rows = rows, Sha256 = sha256 });
            return CommandResult.Success();
        }, ct);

    /// <summary>
    /// Audits an export that <see cref="ReportRules"/> refused before anything was built, and returns the exception
    /// carrying the Chinese message to show.
    /// </summary>
    public Task<AccessDeniedException> RecordRefusalAsync(Actor actor, ExportScope asked, CancellationToken ct = default) =>
        asked.SubDistrictId is int subDistrict
            ? Journal.DeniedAsync(db, actor, clock.Now, Action, "SubDistrict", subDistrict, null, ct, SubDistrictRefusal)
            : Journal.DeniedAsync(db, actor, clock.Now, Action, "Community", asked.CommunityId, null, ct, CommunityRefusal);
}
