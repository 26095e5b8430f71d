namespace Baihe.Data.Reports;

/// <summary>A roster line of the report: a membership of the month (at month end, or ended during it).</summary>
public sealed record RosterLine
{
    public string Team { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public string Grid { get; init; } = "";
    public string? Phone { get; init; }
    public DateTime JoinedOn { get; init; }
    public DateTime? LeftOn { get; init; }
    public string? LeaveReason { get; init; }
    public int TeamId { get; init; }
}
