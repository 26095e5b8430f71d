
namespace Baihe.Data.Teams;

/// <summary>A member on a team's roster: on it now, or (with <see cref="LeftOn"/>) one who left.</summary>
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

    /// <summary>When the member left this team; null while they are on it.</summary>
    public DateTime? LeftOn { get; init; }

    public string? LeaveReason { get; init; }

    /// <summary>The member's point balance (every ledger entry summed), where the roster list reads it.</summary>
    public int Points { get; init; }
}
