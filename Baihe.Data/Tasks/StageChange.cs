namespace Baihe.Data.Tasks;

/// <summary>One line of a task's timeline.</summary>
public sealed record StageChange
{
    public string? FromStage { get; init; }
    public string ToStage { get; init; } = "";
    public DateTime ChangedAt { get; init; }
    public string? ChangedBy { get; init; }
    public string? Note { get; init; }

    /// <summary>For a 催办/督办 row, its kind (<see cref="EscalationKinds"/>); null for a stage change.</summary>
    public string? Escalation { get; init; }

    /// <summary>For a 催办/督办 row, the due time it was measured against.</summary>
    public DateTime? DueAt { get; init; }
}
