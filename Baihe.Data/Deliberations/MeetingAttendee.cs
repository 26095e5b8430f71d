namespace Baihe.Data.Deliberations;

/// <summary>Who came to a meeting, by name.</summary>
public sealed record MeetingAttendee
{
    public int DeliberationId { get; init; }
    public string Name { get; init; } = "";
    public bool IsNeighbourLead { get; init; }
}
