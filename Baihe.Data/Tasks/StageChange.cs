namespace Baihe.Data.Tasks;

/// <summary>One line of a task's timeline.</summary>
public sealed record StageChange
{
    public string? FromStage { get; init; }
    public string ToStage { get; init; } = "";
    public DateTime ChangedAt { get; init; }
    public string? ChangedBy { get; init; }
    public string? Note { get; init; }
}
