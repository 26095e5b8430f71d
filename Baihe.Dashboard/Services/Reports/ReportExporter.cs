using System.IO.Compression;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Reports;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>The outcome of an export: the file, or a Chinese message and nothing written.</summary>
public sealed record ExportResult(ReportFile? File, string? Error, bool Denied = false)
{
    /// <summary>When a roll-up was split by community, the workbooks that <see cref="File"/> (their zip) holds.</summary>
    public IReadOnlyList<ReportFile> Parts { get; init; } = [];
}

/// <summary>Settings of the monthly report (section <c>Reports</c> of the configuration).</summary>
public sealed record ReportOptions
{
    /// <summary>
    /// The most ledger rows one workbook may hold. A sub-district roll-up above it is delivered as one workbook per
    /// community instead. Excel's sheet limit is 1,048,576 rows; the default leaves a margin.
    /// </summary>
    public int MaxRowsPerWorkbook { get; init; } = 1_000_000;
}

/// <summary>
/// One path for every export (the /reports download and the CLI): check the month, decide the scope, wait for the
/// server's single export slot, build the workbook, then write the audit row with the file's SHA-256.
/// </summary>
public sealed class ReportExporter(ReportCommands commands, ReportQueries reports, CommunityQueries communities, MonthlyReport report, ExportGate gate, BaiheClock clock, ReportOptions options)
{
    public async Task<ExportResult> ExportAsync(Actor actor, string? month, int communityId, string generatedBy, CancellationToken ct = default, string? ticket = null)
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
        using (await gate.EnterAsync(ct, ticket))
        {
            var file = await report.BuildAsync(scope, period, generatedBy, ct);
            await commands.RecordExportAsync(actor, scope, month!.Trim(), file.Rows, file.Sha256, ct);
            return new ExportResult(file, null);
        }
    }

    /// <summary>
    /// The roll-up of every community of a sub-district, for its officials. When the month's ledger rows exceed
    /// <see cref="ReportOptions.MaxRowsPerWorkbook"/>, each community gets its own workbook and the result is their zip.
    /// </summary>
    public async Task<ExportResult> ExportSubDistrictAsync(Actor actor, string? month, int subDistrictId, string generatedBy, CancellationToken ct = default, string? ticket = null)
    {
        if (ReportMonth.Parse(month, clock.Today, out var period) is { } monthError)
        {
            return new ExportResult(null, monthError);
        }
        ExportScope scope;
        try
        {
            scope = await commands.SubDistrictScopeAsync(actor, subDistrictId, ct);
        }
        catch (AccessDeniedException)
        {
            return new ExportResult(null, "只有本街道的街道干部可以导出全街道汇总。", Denied: true);
        }
        var members = (await communities.ListAsync(ct)).Where(c => c.SubDistrictId == subDistrictId).ToList();
        if (members.Count == 0)
        {
            return new ExportResult(null, "这个街道还没有社区，无法导出汇总。");
        }
        using (await gate.EnterAsync(ct, ticket))
        {
            var counts = await reports.LedgerCountsAsync(subDistrictId, period, ct);
            if (counts.Values.Sum() <= options.MaxRowsPerWorkbook)
            {
                var file = await report.BuildAsync(scope, period, generatedBy, ct);
                await commands.RecordSubDistrictExportAsync(actor, subDistrictId, month!.Trim(), file.Rows, file.Sha256, ct);
                return new ExportResult(file, null);
            }
            // Too many rows for one workbook: one per community (each as the official sees it), in one zip.
            var parts = new List<ReportFile>();
            foreach (var community in members)
            {
                parts.Add(await report.BuildAsync(new ExportScope(community.Id, null, FullPhones: false), period, generatedBy, ct));
            }
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var part in parts)
                {
                    // Workbooks are already compressed.
                    await using var entry = archive.CreateEntry(part.FileName, CompressionLevel.NoCompression).Open();
                    await entry.WriteAsync(part.Content, ct);
                }
            }
            var zipped = ReportFile.Of($"{members[0].SubDistrict}_{MonthlyReport.MonthLabel(period)}_分社区月报.zip", zip.ToArray(), parts.Sum(p => p.Rows));
            await commands.RecordSubDistrictExportAsync(actor, subDistrictId, month!.Trim(), zipped.Rows, zipped.Sha256, ct);
            return new ExportResult(zipped, null) { Parts = parts };
        }
    }
}
