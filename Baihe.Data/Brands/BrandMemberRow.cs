
namespace Baihe.Data.Brands;

/// <summary>An active member of a team, for the leaves of the tree.</summary>
public sealed record BrandMemberRow
{
    public int TeamId { get; init; }
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public bool IsNeighbourLead { get; init; }
}
