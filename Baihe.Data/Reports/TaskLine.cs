namespace Baihe.Data.Reports;

/// <summary>A resident task (民呼我应) that moved during the month.</summary>
public sealed record TaskLine
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public string Grid { get; init; } = "";
    public string Category { get; init; } = "";
    public string Source { get; init; } = "";
    public string? Urgency { get; init; }
    public string Stage { get; init; } = "";
    public DateTime CollectedAt { get; init; }
    public DateTime? DueAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string? Satisfaction { get; init; }
    public string? Result { get; init; }
}
