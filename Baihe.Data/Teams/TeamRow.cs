
namespace Baihe.Data.Teams;

/// <summary>A team in the list of 队伍.</summary>
public sealed record TeamRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Brand { get; init; } = "";
    public string? Description { get; init; }
    public bool IsSample { get; init; }
    public string? LeadName { get; init; }
    public int Members { get; init; }
    public int CommunityId { get; init; }
}
