
namespace Baihe.Data.Communities;

/// <summary>A community with its place in the hierarchy.</summary>
public sealed record CommunityRow
{
    public int Id { get; init; }
    public int SubDistrictId { get; init; }
    public string Name { get; init; } = "";
    public string SubDistrict { get; init; } = "";
    public string District { get; init; } = "";
    public string City { get; init; } = "";
    public string? Description { get; init; }
}
