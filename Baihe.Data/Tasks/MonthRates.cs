namespace Baihe.Data.Tasks;

/// <summary>
/// The month's cohort of tasks received, and what became of them. The rates are computed from these counts:
/// 办结率 = Closed / Received; 按时办结率 = OnTime / Closed; 回访率 = Visited / ReachedFeedback;
/// 满意率 = Closed / (Closed + Reopens) — every confirmation either closes a task or reopens it.
/// </summary>
public sealed record MonthRates
{
    public int Month { get; init; }
    public int Received { get; init; }
    public int Closed { get; init; }
    public int OnTime { get; init; }
    public int ReachedFeedback { get; init; }
    public int Visited { get; init; }
    public int Reopens { get; init; }

    public double? CloseRate => Received == 0 ? null : (double)Closed / Received;
    public double? OnTimeRate => Closed == 0 ? null : (double)OnTime / Closed;
    public double? VisitRate => ReachedFeedback == 0 ? null : (double)Visited / ReachedFeedback;
    public double? SatisfactionRate => Closed + Reopens == 0 ? null : (double)Closed / (Closed + Reopens);
}
