
namespace Baihe.Data.Brands;

/// <summary>The brand → team → member tree of one community.</summary>
public sealed record BrandMatrix(
    IReadOnlyList<BrandRow> Brands,
    IReadOnlyList<BrandTeamRow> Teams,
    IReadOnlyList<BrandMemberRow> Members,
    int NeighbourLeads);
