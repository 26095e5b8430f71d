namespace Baihe.Data.Reports;

/// <summary>A stage change of a task of the month, for its 办理过程 column.</summary>
public sealed record TaskChangeLine
{
    public int TaskId { get; init; }
    public string? FromStage { get; init; }
    public string ToStage { get; init; } = "";
    public DateTime ChangedAt { get; init; }
}
