
namespace Baihe.Data.Brands;

/// <summary>A brand of the matrix; the umbrella brand has no parent.</summary>
public sealed record BrandRow
{
    public int Id { get; init; }
    public int? ParentBrandId { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }

    /// <summary>The name of the brand of the residents who are 百合邻长: it has no teams, its people are the leads.</summary>
    public const string NeighbourLeadName = "百合邻长";

    /// <summary>True for the 百合邻长 brand, whose card counts the leads instead of teams.</summary>
    public bool IsNeighbourLeads => Name == NeighbourLeadName;
}
