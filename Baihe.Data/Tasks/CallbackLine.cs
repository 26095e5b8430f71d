namespace Baihe.Data.Tasks;

/// <summary>A task drawn for a 回访, with its callback once recorded (<see cref="Rating"/> non-null).</summary>
public sealed record CallbackLine
{
    public int SampleId { get; init; }
    public int TaskId { get; init; }
    public string Title { get; init; } = "";
    public string Grid { get; init; } = "";
    public string? Team { get; init; }
    public DateTime ClosedAt { get; init; }
    public string? Result { get; init; }
    public string? Satisfaction { get; init; }
    public string? Rating { get; init; }
    public string? Note { get; init; }
    public DateTime? RecordedAt { get; init; }
    public string? RecordedBy { get; init; }
}
