namespace Baihe.Dashboard.Services.Reports;

/// <summary>The outcome of an export: the file, or a Chinese message and nothing written.</summary>
public sealed record ExportResult(ReportFile? File, string? Error, bool Denied = false)
{
    /// <summary>When a roll-up was split by community, the workbooks that <see cref="File"/> (their zip) holds.</summary>
    public IReadOnlyList<ReportFile> Parts { get; init; } = [];
}
