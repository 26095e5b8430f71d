
namespace Baihe.Data.Points;

/// <summary>An item of the exchange catalogue.</summary>
public sealed record RewardRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public int PointCost { get; init; }
    public bool IsActive { get; init; }
    public string? Description { get; init; }
    public long RowVersion { get; init; }
}
