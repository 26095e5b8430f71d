namespace Baihe.Data.Tasks;

/// <summary>
/// What became of the tasks received (their 收集信息 step) in a period, counted per community, grid, handling team and
/// month by <c>RateSql</c>, and the rates built from those counts. This record is the one definition of each rate; the
/// words users read are <see cref="RateDefinitions"/>. A rate is null ("—") when its denominator is zero.
/// </summary>
public sealed record MonthRates
{
    public int CommunityId { get; init; }
    public int GridId { get; init; }

    /// <summary>The team the task is assigned to now; null before 分办 or when only residents handle it.</summary>
    public int? TeamId { get; init; }

    /// <summary>The month received, yyyymm; 0 in a sum over months.</summary>
    public int Month { get; init; }

    /// <summary>Tasks received.</summary>
    public int Received { get; init; }

    /// <summary>Received tasks that left 收集信息 within <see cref="TaskOptions.ResponseHours"/> of being received.</summary>
    public int Responded { get; init; }

    /// <summary>Tasks with a result (解决, 部分解决 or 未解决): the last feedback's, as the callback confirmed it.</summary>
    public int WithResult { get; init; }

    /// <summary>Tasks whose result is 解决.</summary>
    public int Solved { get; init; }

    /// <summary>Tasks closed (办结).</summary>
    public int Closed { get; init; }

    /// <summary>Closed tasks closed by their due time.</summary>
    public int OnTime { get; init; }

    /// <summary>Tasks not closed whose due time had passed at the period's end, or now if that is earlier.</summary>
    public int OpenOverdue { get; init; }

    /// <summary>Tasks rated 满意, 基本满意 or 不满意 at their last callback (未评价 is not a rating).</summary>
    public int Rated { get; init; }

    /// <summary>Tasks rated 满意 or 基本满意.</summary>
    public int Satisfied { get; init; }

    /// <summary>Tasks that reached 反馈结果 at least once.</summary>
    public int ReachedFeedback { get; init; }

    /// <summary>Tasks visited back (a callback closed or reopened them) at least once.</summary>
    public int Visited { get; init; }

    /// <summary>Reopens (a callback or a review sent the task back to 分办任务), each counted.</summary>
    public int Reopens { get; init; }

    /// <summary>办结率 = 办结 ÷ 受理.</summary>
    public double? CloseRate => Ratio(Closed, Received);

    /// <summary>响应率 = 按时响应 ÷ 受理.</summary>
    public double? ResponseRate => Ratio(Responded, Received);

    /// <summary>解决率 = 解决 ÷ 有结果.</summary>
    public double? SolveRate => Ratio(Solved, WithResult);

    /// <summary>按时办结率 = 按期办结 ÷ (办结 + 未办结且已超期).</summary>
    public double? OnTimeRate => Ratio(OnTime, OnTimeBase);

    /// <summary>按时办结率's denominator.</summary>
    public int OnTimeBase => Closed + OpenOverdue;

    /// <summary>满意率 = (满意 + 基本满意) ÷ 已评价.</summary>
    public double? SatisfactionRate => Ratio(Satisfied, Rated);

    /// <summary>回访率 = 已回访 ÷ 已反馈.</summary>
    public double? VisitRate => Ratio(Visited, ReachedFeedback);

    private static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>The counts of <paramref name="rows"/> added up (their rates then follow from the sums, never averaged).</summary>
    public static MonthRates Sum(IEnumerable<MonthRates> rows)
    {
        var list = rows as IReadOnlyCollection<MonthRates> ?? rows.ToList();
        return new MonthRates
        {
            Received = list.Sum(r => r.Received),
            Responded = list.Sum(r => r.Responded),
            WithResult = list.Sum(r => r.WithResult),
            Solved = list.Sum(r => r.Solved),
            Closed = list.Sum(r => r.Closed),
            OnTime = list.Sum(r => r.OnTime),
            OpenOverdue = list.Sum(r => r.OpenOverdue),
            Rated = list.Sum(r => r.Rated),
            Satisfied = list.Sum(r => r.Satisfied),
            ReachedFeedback = list.Sum(r => r.ReachedFeedback),
            Visited = list.Sum(r => r.Visited),
            Reopens = list.Sum(r => r.Reopens),
        };
    }
}
