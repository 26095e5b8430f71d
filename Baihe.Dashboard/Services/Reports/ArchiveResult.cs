namespace Baihe.Dashboard.Services.Reports;

/// <summary>The outcome of generating a report into the archive: the stored row's id, or a Chinese message.</summary>
public sealed record ArchiveResult(int? Id, string? Error, bool Denied = false);
