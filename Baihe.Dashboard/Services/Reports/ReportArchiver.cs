using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Reports;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// Generates a report into the archive, for a user (the 生成 button on /reports) or for the monthly schedule: check the
/// rule, wait for the server's export slot, build the workbook through <see cref="ReportExporter.BuildAsync(ExportScope, Period, string, CancellationToken, Action{string}?)"/>
/// (the same sheets as a download) and store it as the month's next version.
/// </summary>
/// <remarks>
/// Archived reports are built with phones masked, whoever generates them: the archive of a community is read by its
/// secretary and by the sub-district's officials alike, and officials never see phones in full. A secretary who needs
/// the phones exports the report directly.
/// </remarks>
public sealed class ReportArchiver(ReportExporter exporter, ReportArchiveCommands archive, ReportQueries reports, ExportGate gate, BaiheClock clock)
{
    /// <summary>Builds and stores the report of <paramref name="scope"/> for <paramref name="month"/> (yyyy-MM).</summary>
    public async Task<ArchiveResult> GenerateAsync(Actor actor, ArchivedReportScope scope, string? month, string generatedBy, bool scheduled = false,
        CancellationToken ct = default)
    {
        if (ReportMonth.Parse(month, clock.Today, out var period) is { } monthError)
        {
            return new ArchiveResult(null, monthError);
        }
        var target = scope.CommunityId is int community ? await reports.TargetAsync(community, ct) : null;
        if (!ReportRules.CanGenerate(actor, scope, target) || (target is not null && target.SubDistrictId != scope.SubDistrictId))
        {
            var refusal = await archive.RecordRefusalAsync(actor, scope, month!.Trim(), ct);
            return new ArchiveResult(null, refusal.Message, Denied: true);
        }
        var exportScope = scope.CommunityId is int id ? new ExportScope(id, null, FullPhones: false) : ExportScope.SubDistrict(scope.SubDistrictId);
        ReportFile file;
        using (await gate.EnterAsync(ct))
        {
            file = await exporter.BuildAsync(exportScope, period, generatedBy, ct);
        }
        var stored = await archive.StoreAsync(actor, scope, month!.Trim(), scheduled, generatedBy, file.FileName, file.Content, file.Rows, file.Sha256, ct);
        return stored.Ok ? new ArchiveResult(stored.Id, null) : new ArchiveResult(null, stored.Error);
    }
}
