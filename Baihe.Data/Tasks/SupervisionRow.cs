namespace Baihe.Data.Tasks;

/// <summary>One task on the 督办 list: open, past its due time, and escalated in its current stage.</summary>
public sealed record SupervisionRow
{
    public int TaskId { get; init; }
    public string Title { get; init; } = "";
    public int CommunityId { get; init; }
    public string Community { get; init; } = "";
    public string Grid { get; init; } = "";
    public string? Team { get; init; }
    public string Stage { get; init; } = "";
    public string? Urgency { get; init; }
    public DateTime DueAt { get; init; }
    public DateTime SupervisedAt { get; init; }
}
