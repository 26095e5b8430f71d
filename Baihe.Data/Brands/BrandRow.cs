
namespace Baihe.Data.Brands;

/// <summary>A brand of the matrix; the umbrella brand has no parent.</summary>
public sealed record BrandRow
{
    public int Id { get; init; }
    public int? ParentBrandId { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
}
