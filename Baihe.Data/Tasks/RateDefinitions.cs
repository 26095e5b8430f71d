namespace Baihe.Data.Tasks;

/// <summary>
/// The words a reader checks each rate against (the ⓘ of the tiles, the district table's captions and the monthly
/// report's 概览), one per rate of <see cref="MonthRates"/>, and the numerator/denominator line a drill list shows.
/// Every rate counts the tasks received (收集信息) in the period.
/// </summary>
public static class RateDefinitions
{
    /// <summary>响应率, with the configured window.</summary>
    public static string Response(int hours) => $"期间内受理的实事中，受理后 {hours} 小时内完成研判（离开“收集信息”阶段）的比例：按时响应 ÷ 受理。";

    public const string Solve = "期间内受理、已有办理结果的实事中，结果为“解决”的比例：解决 ÷（解决＋部分解决＋未解决）；以最近一次反馈或回访确认的结果为准。";

    public const string OnTime = "期间内受理的实事：在办理期限内办结的 ÷（已办结＋未办结且已超期）；是否超期按期间结束时与现在两者中较早的时刻判断。";

    public const string Satisfaction = "期间内受理、已回访评价的实事中：（满意＋基本满意）÷（满意＋基本满意＋不满意）；“未评价”不计入；以最近一次回访为准。";

    public const string Visit = "期间内受理、已反馈结果的实事中，已回访（确认办结或退回重办）的比例：已回访 ÷ 已反馈。";

    public const string Close = "期间内受理的实事中已办结的比例：办结 ÷ 受理。";

    /// <summary>The five rates of the 12345 loop with their definitions, in the order every page and the report show them.</summary>
    public static IReadOnlyList<(string Name, string Definition)> All(int responseHours) =>
    [
        ("响应率", Response(responseHours)),
        ("解决率", Solve),
        ("按时办结率", OnTime),
        ("满意率", Satisfaction),
        ("回访率", Visit),
    ];

    /// <summary>The numerator and denominator of <paramref name="key"/>'s rate in <paramref name="r"/>, in words and numbers.</summary>
    public static string Fraction(string key, MonthRates r, int responseHours) => key switch
    {
        "response" => $"{responseHours} 小时内响应 {r.Responded} / 受理 {r.Received}",
        "solve" => $"解决 {r.Solved} / 有结果 {r.WithResult}",
        "ontime" => $"按期办结 {r.OnTime} / （办结 {r.Closed} + 未办结已超期 {r.OpenOverdue}）",
        "satisfaction" => $"满意及基本满意 {r.Satisfied} / 已评价 {r.Rated}",
        "visit" => $"已回访 {r.Visited} / 已反馈 {r.ReachedFeedback}",
        _ => $"办结 {r.Closed} / 受理 {r.Received}",
    };
}
