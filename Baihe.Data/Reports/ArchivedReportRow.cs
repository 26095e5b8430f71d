namespace Baihe.Data.Reports;

/// <summary>
/// One archived report as the history lists it (never its bytes): what it covers, which version, who or what generated
/// it and when, and its fingerprint and size. <see cref="CommunityName"/> is null for a sub-district roll-up.
/// </summary>
public sealed record ArchivedReportRow
{
    public int Id { get; init; }
    public int? CommunityId { get; init; }
    public string? CommunityName { get; init; }
    public int SubDistrictId { get; init; }
    public string SubDistrictName { get; init; } = "";
    public string Month { get; init; } = "";
    public int Version { get; init; }
    public bool IsScheduled { get; init; }
    /// <summary>The user's display name, or <see cref="ReportArchiveCommands.ScheduleName"/>.</summary>
    public string GeneratedBy { get; init; } = "";
    public DateTime GeneratedAt { get; init; }
    public string FileName { get; init; } = "";
    public string Sha256 { get; init; } = "";
    public int SizeBytes { get; init; }
    public int DetailRows { get; init; }

    /// <summary>What the report covers, as the history shows it.</summary>
    public ArchivedReportScope Scope => new(CommunityId, SubDistrictId);
}
