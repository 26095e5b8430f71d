
namespace Baihe.Data.Deliberations;

/// <summary>A meeting with how many came and how many tasks it produced.</summary>
public sealed record MeetingRow
{
    public int Id { get; init; }
    public DateTime HeldOn { get; init; }
    public string Topic { get; init; } = "";
    public string NeedsRaised { get; init; } = "";
    public string? Decisions { get; init; }
    public int Attendees { get; init; }
    public int Tasks { get; init; }
}
