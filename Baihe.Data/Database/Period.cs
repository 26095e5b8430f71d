namespace Baihe.Data.Database;

/// <summary>A half-open date range [From, To) computed in C# and passed to SQL as parameters.</summary>
public readonly record struct Period(DateTime From, DateTime To)
{
    /// <summary>1 January to the next 1 January.</summary>
    public static Period Year(int year) => new(new DateTime(year, 1, 1), new DateTime(year + 1, 1, 1));

    /// <summary>
    /// A half-year of 一年两评选: 1 January to 30 June (half 1) or 1 July to 31 December (half 2), as [From, To).
    /// </summary>
    public static Period HalfYear(int year, int half) => half switch
    {
        1 => new(new DateTime(year, 1, 1), new DateTime(year, 7, 1)),
        2 => new(new DateTime(year, 7, 1), new DateTime(year + 1, 1, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(half), half, "A half-year is 1 or 2."),
    };

    /// <summary>The half (1 or 2) a moment falls in: 30 June 23:59 is still half 1, 1 July 00:00 is half 2.</summary>
    public static int HalfOf(DateTime moment) => moment.Month <= 6 ? 1 : 2;

    /// <summary>True when the moment lies in [From, To).</summary>
    public bool Contains(DateTime moment) => moment >= From && moment < To;

    /// <summary>The first month key (yyyyMM) in the period, for the indexed month columns.</summary>
    public int FromMonth => From.Year * 100 + From.Month;

    /// <summary>The last month key (yyyyMM) in the period, inclusive.</summary>
    public int ToMonth
    {
        get
        {
            var last = To.AddDays(-1);
            return last.Year * 100 + last.Month;
        }
    }
}
