namespace Baihe.Data.Points;

/// <summary>
/// A new event (一场一统计) and the points each attendee earns. <see cref="StartMinute"/> and <see cref="EndMinute"/> are
/// its start and end on its day, in minutes after midnight: the service time each attendee is credited with unless
/// attendance records less (hours exclude travel, so these are the times of the service itself).
/// </summary>
public sealed record ActivityInput(int TeamId, int CategoryId, string? Title, string? Place, DateTime HeldOn, int PointsPerAttendee)
{
    /// <summary>Start, minutes after midnight (09:00 unless given).</summary>
    public int StartMinute { get; init; } = 9 * 60;

    /// <summary>End, minutes after midnight (11:00 unless given); later than the start, at most 24:00.</summary>
    public int EndMinute { get; init; } = 11 * 60;
}
