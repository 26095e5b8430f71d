namespace Baihe.Data.Tasks;

/// <summary>A 民呼我应 task in the list.</summary>
public sealed record TaskRow
{
    public int Id { get; init; }
    public string Title { get; init; } = "";
    public string Category { get; init; } = "";
    public string Source { get; init; } = "";
    public string? Urgency { get; init; }
    public string Stage { get; init; } = "";
    public string Grid { get; init; } = "";
    public string? Resident { get; init; }
    public string? Team { get; init; }
    public DateTime CollectedAt { get; init; }
    public DateTime? DueAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string? Satisfaction { get; init; }

    /// <summary>The escalation of the current stage: <see cref="EscalationKinds.Remind"/>, <see cref="EscalationKinds.Supervise"/> or null.</summary>
    public string? Escalation { get; init; }
}
