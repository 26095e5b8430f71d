namespace Baihe.Data.Points;

/// <summary>A new event (一场一统计) and the points each attendee earns.</summary>
public sealed record ActivityInput(int TeamId, int CategoryId, string? Title, string? Place, DateTime HeldOn, int PointsPerAttendee);
