namespace Baihe.Data.Deliberations;

/// <summary>One meeting as the intake form and the meeting list show it.</summary>
public sealed record MeetingDetail
{
    public int Id { get; init; }
    public int CommunityId { get; init; }
    public DateTime HeldOn { get; init; }
    public string Topic { get; init; } = "";
    public string NeedsRaised { get; init; } = "";
    public string? Decisions { get; init; }

    /// <summary>
    /// The grid most of its participants live in (the lowest id on a tie), null when nobody is recorded: a meeting has
    /// no grid of its own, and its decision is usually about the place its 邻长 come from.
    /// </summary>
    public int? GridId { get; init; }
}
