
namespace Baihe.Data.Brands;

/// <summary>A team under a brand, with its active roster size.</summary>
public sealed record BrandTeamRow
{
    public int Id { get; init; }
    public int BrandId { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public bool IsSample { get; init; }
    public int Members { get; init; }
}
