
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

    /// <summary>The prefix the embedded demo gives the description of each of its sample communities.</summary>
    public const string SamplePrefix = "示例数据";

    /// <summary>True for a sample community of the embedded demo, which pages mark so nobody reads it as real figures.</summary>
    public bool IsSample => Description?.StartsWith(SamplePrefix, StringComparison.Ordinal) == true;
}
