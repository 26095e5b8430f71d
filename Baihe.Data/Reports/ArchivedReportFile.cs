namespace Baihe.Data.Reports;

/// <summary>The bytes of one archived report, with the name and SHA-256 it was stored with.</summary>
public sealed record ArchivedReportFile
{
    public int Id { get; init; }
    public int? CommunityId { get; init; }
    public int SubDistrictId { get; init; }
    public string FileName { get; init; } = "";
    public string Sha256 { get; init; } = "";
    public byte[] Content { get; init; } = [];
}
