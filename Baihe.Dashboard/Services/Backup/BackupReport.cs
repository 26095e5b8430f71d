namespace Baihe.Dashboard.Services.Backup;

/// <summary>A finished backup: where it is, how big, and its SHA-256 for the operator's log.</summary>
public sealed record BackupReport(string Path, long Bytes, string Sha256);
