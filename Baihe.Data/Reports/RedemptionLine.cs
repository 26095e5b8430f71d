namespace Baihe.Data.Reports;

/// <summary>A redemption of the month for 兑换记录.</summary>
public sealed record RedemptionLine
{
    public DateTime RequestedAt { get; init; }
    public string Name { get; init; } = "";
    public string Reward { get; init; } = "";
    public int Points { get; init; }
    public string Status { get; init; } = "";
    public DateTime? FulfilledAt { get; init; }
}
