
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
}
