namespace Baihe.Data.Overview;

/// <summary>A count for one month key (yyyyMM).</summary>
public sealed record MonthCount
{
    public int Month { get; init; }
    public int Count { get; init; }
}
