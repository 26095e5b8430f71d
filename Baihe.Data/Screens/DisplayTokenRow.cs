namespace Baihe.Data.Screens;

/// <summary>A display token as the admin page lists it; the token itself is never stored, so never listed.</summary>
public sealed record DisplayTokenRow
{
    public int Id { get; init; }
    public int SubDistrictId { get; init; }
    public string SubDistrict { get; init; } = "";
    public string Name { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; init; }
    public DateTime? LastSeenAt { get; init; }

    /// <summary>A revoked token opens nothing, and cannot be restored.</summary>
    public bool IsRevoked => RevokedAt is not null;
}
