
namespace Baihe.Data.Points;

/// <summary>A resident as the points page shows them.</summary>
public sealed record PointsMember
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Grid { get; init; } = "";
    public int CommunityId { get; init; }
    public bool IsNeighbourLead { get; init; }
    public string? Skill { get; init; }
}
