namespace Baihe.Data.Audit;

/// <summary>The viewer's filter and page read from a URL, with a Chinese message for every value that was set aside.</summary>
public sealed record AuditFilterParse(AuditFilter Filter, int Page, IReadOnlyList<string> Problems);
