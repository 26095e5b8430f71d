
namespace Baihe.Data.Teams;

/// <summary>One line of a roster's history: a join, and a leave when there was one.</summary>
public sealed record RosterHistoryRow
{
    public int MembershipId { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTime JoinedOn { get; init; }
    public DateTime? LeftOn { get; init; }
    public string? LeaveReason { get; init; }
}
