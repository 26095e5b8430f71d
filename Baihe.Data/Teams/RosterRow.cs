
namespace Baihe.Data.Teams;

/// <summary>An active member on a team's roster.</summary>
public sealed record RosterRow
{
    public int MembershipId { get; init; }
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public string? Phone { get; init; }
    public string Role { get; init; } = "";
    public DateTime JoinedOn { get; init; }
    public string Grid { get; init; } = "";
    public bool IsPartyMember { get; init; }
    public bool IsNeighbourLead { get; init; }
    public bool IsSample { get; init; }
    public string? Skill { get; init; }
    public long MembershipVersion { get; init; }
    public long MemberVersion { get; init; }
}
