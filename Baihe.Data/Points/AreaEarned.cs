
namespace Baihe.Data.Points;

/// <summary>Points earned in one area.</summary>
public sealed record AreaEarned
{
    public int CategoryId { get; init; }
    public string Area { get; init; } = "";
    public int Points { get; init; }
}
