namespace Baihe.Data.Tasks;

/// <summary>
/// A community's 回访 draw for last month: what a draw would take (<see cref="Population"/> closed tasks, <see
/// cref="SampleSize"/> of them at <see cref="SamplePercent"/>), or, once drawn, the draw itself (<see cref="DrawId"/> set).
/// </summary>
public sealed record CallbackPreview
{
    /// <summary>The month the closed tasks come from, yyyymm.</summary>
    public int Month { get; init; }
    public int Population { get; init; }
    public int SampleSize { get; init; }
    public int SamplePercent { get; init; }
    public int? DrawId { get; init; }
    public int? Seed { get; init; }
    public DateTime? DrawnAt { get; init; }
    public string? DrawnBy { get; init; }

    /// <summary>How many sampled tasks have their callback recorded.</summary>
    public int Recorded { get; init; }
}
