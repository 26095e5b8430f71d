namespace Baihe.Data.Import;

/// <summary>A roster workbook read into rows: its name, its SHA-256 (hex, for the audit row) and the rows of each sheet.</summary>
public sealed record ImportFile(string FileName, string Sha256, IReadOnlyList<ResidentLine> Residents, IReadOnlyList<MembershipLine> Memberships);
