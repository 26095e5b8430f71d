
namespace Baihe.Data.Points;

/// <summary>An event with its tally (一场一统计): headcount and the points it awards.</summary>
public sealed record ActivityRow
{
    public int Id { get; init; }
    public int TeamId { get; init; }
    public string Team { get; init; } = "";
    public int CommunityId { get; init; }
    public int CategoryId { get; init; }
    public string Area { get; init; } = "";
    public string Title { get; init; } = "";
    public string Place { get; init; } = "";
    public DateTime HeldOn { get; init; }
    public int PointsPerAttendee { get; init; }
    public string Status { get; init; } = "";
    public int Headcount { get; init; }
    public int TotalPoints { get; init; }

    /// <summary>Start on <see cref="HeldOn"/>, minutes after midnight.</summary>
    public int StartMinute { get; init; }

    /// <summary>End on <see cref="HeldOn"/>, minutes after midnight.</summary>
    public int EndMinute { get; init; }

    /// <summary>The activity's length: the service minutes of an attendee whose hours were not adjusted.</summary>
    public int DurationMinutes => EndMinute - StartMinute;
}
