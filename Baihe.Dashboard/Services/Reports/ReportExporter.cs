using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Reports;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>The outcome of an export: the file, or a Chinese message and nothing written.</summary>
public sealed record ExportResult(ReportFile? File, string? Error, bool Denied = false);

/// <summary>
/// One path for every export (the /reports download and the CLI): check the month, decide the scope, wait for the
/// server's single export slot, build the workbook, then write the audit row with the file's SHA-256.
/// </summary>
public sealed class ReportExporter(ReportCommands commands, MonthlyReport report, ExportGate gate, BaiheClock clock)
{
    public async Task<ExportResult> ExportAsync(Actor actor, string? month, int communityId, string generatedBy, CancellationToken ct = default)
    {
        if (ReportMonth.Parse(month, clock.Today, out var period) is { } monthError)
        {
            return new ExportResult(null, monthError);
        }
        ExportScope scope;
        try
        {
            scope = await commands.ScopeAsync(actor, communityId, ct);
        }
        catch (AccessDeniedException)
        {
            return new ExportResult(null, "您无权导出这个社区的报表。", Denied: true);
        }
        using (await gate.EnterAsync(ct))
        {
            var file = await report.BuildAsync(scope, period, generatedBy, ct);
            await commands.RecordExportAsync(actor, scope, month!.Trim(), file.Rows, file.Sha256, ct);
            return new ExportResult(file, null);
        }
    }
}
