namespace Baihe.Data.Reports;

/// <summary>An activity of the month for 活动统计, with its headcount.</summary>
public sealed record ActivityLine
{
    public DateTime HeldOn { get; init; }
    public string Title { get; init; } = "";
    public string Team { get; init; } = "";
    public string Area { get; init; } = "";
    public string Place { get; init; } = "";
    public int Headcount { get; init; }
    public int PointsPerAttendee { get; init; }
    public string Status { get; init; } = "";
}
