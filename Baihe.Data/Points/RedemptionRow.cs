
namespace Baihe.Data.Points;

/// <summary>A redemption and whether it has been handed over.</summary>
public sealed record RedemptionRow
{
    public int Id { get; init; }
    public int MemberId { get; init; }
    public string Member { get; init; } = "";
    public string Reward { get; init; } = "";
    public int Points { get; init; }
    public string Status { get; init; } = "";
    public DateTime RequestedAt { get; init; }
    public DateTime? FulfilledAt { get; init; }
}
