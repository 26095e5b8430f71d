using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Summaries;

/// <summary>
/// Points issued per community and area, read from the summaries instead of the ledger: the period's whole months from
/// <c>PointSummary</c> (grid × month × area) and the days before and after them from <c>PointDaySummary</c> (grid × day
/// × area). A 街道's year is about 65 grids × 12 months × 5 areas of month rows where the ledger holds about 800,000
/// entries; 3 March to 20 April is 65 grids × 49 days × 5 areas of day rows. Any period of whole days is answered
/// (<see cref="Answers"/>).
/// </summary>
public sealed class PointSummaryQueries(DbConnectionFactory db)
{
    // The same scope as the dashboard's grid fragment (sub-district, then community and grid when set). Three ranges,
    // each one seek per grid of the scope on its summary's primary key: the whole months, the days before them and the
    // days after them. A part that is empty has equal bounds and reads nothing.
    private const string PointsSql = """
        SELECT x.CommunityId, x.AreaId, SUM(x.Issued) AS Value
        FROM (
            SELECT g.CommunityId, ps.CategoryId AS AreaId, ps.Issued
            FROM Community sc
            JOIN Grid g ON g.CommunityId = sc.Id
            JOIN PointSummary ps ON ps.GridId = g.Id
            WHERE sc.SubDistrictId = @SubDistrictId
              AND (@CommunityId IS NULL OR g.CommunityId = @CommunityId) AND (@GridId IS NULL OR g.Id = @GridId)
              AND ps.Month >= @FromMonth AND ps.Month < @ToMonth
              AND (@AreaId IS NULL OR ps.CategoryId = @AreaId)
            UNION ALL
            SELECT g.CommunityId, pd.CategoryId AS AreaId, pd.Issued
            FROM Community sc
            JOIN Grid g ON g.CommunityId = sc.Id
            JOIN PointDaySummary pd ON pd.GridId = g.Id
            WHERE sc.SubDistrictId = @SubDistrictId
              AND (@CommunityId IS NULL OR g.CommunityId = @CommunityId) AND (@GridId IS NULL OR g.Id = @GridId)
              AND pd.Day >= @HeadFrom AND pd.Day < @HeadTo
              AND (@AreaId IS NULL OR pd.CategoryId = @AreaId)
            UNION ALL
            SELECT g.CommunityId, pd.CategoryId AS AreaId, pd.Issued
            FROM Community sc
            JOIN Grid g ON g.CommunityId = sc.Id
            JOIN PointDaySummary pd ON pd.GridId = g.Id
            WHERE sc.SubDistrictId = @SubDistrictId
              AND (@CommunityId IS NULL OR g.CommunityId = @CommunityId) AND (@GridId IS NULL OR g.Id = @GridId)
              AND pd.Day >= @TailFrom AND pd.Day < @TailTo
              AND (@AreaId IS NULL OR pd.CategoryId = @AreaId)
        ) x
        GROUP BY x.CommunityId, x.AreaId;
        """;

    /// <summary>True when the summaries can answer <paramref name="period"/>: it starts and ends at midnight.</summary>
    public static bool Answers(Period period) => period.From.TimeOfDay == TimeSpan.Zero && period.To.TimeOfDay == TimeSpan.Zero;

    /// <summary>
    /// Points issued per community and area in a 街道 (narrowed to a community and a grid when given) over a period of
    /// whole days: the same figures as summing the positive ledger entries of those residents on those days.
    /// </summary>
    /// <exception cref="ArgumentException">The period starts or ends at a time of day; only the ledger can answer it.</exception>
    public async Task<IReadOnlyList<AreaPointsRow>> PointsAsync(int subDistrictId, int? communityId, int? gridId, Period period, int? areaId = null,
        CancellationToken ct = default)
    {
        if (!Answers(period))
        {
            throw new ArgumentException("The summaries hold whole days; read a period with a time of day from the ledger.", nameof(period));
        }
        var (head, months, tail) = SplitByMonths(period);
        var none = new Period(period.From, period.From);
        var (m, h, t) = (months ?? none, head ?? none, tail ?? none);
        var args = new
        {
            SubDistrictId = subDistrictId, CommunityId = communityId, GridId = gridId, AreaId = areaId,
            FromMonth = PointLedger.MonthKey(m.From), ToMonth = PointLedger.MonthKey(m.To),
            HeadFrom = PointLedger.DayKey(h.From), HeadTo = PointLedger.DayKey(h.To),
            TailFrom = PointLedger.DayKey(t.From), TailTo = PointLedger.DayKey(t.To),
        };
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<AreaPointsRow>(new CommandDefinition(PointsSql, args, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Splits a period into the days before its first whole month, its whole months, and the days after them; a part that
    /// is empty is null. A period of whole months is all <c>months</c>; a period with no whole month inside is all
    /// <c>head</c>.
    /// </summary>
    public static (Period? Head, Period? Months, Period? Tail) SplitByMonths(Period period)
    {
        static DateTime MonthStart(DateTime d) => new(d.Year, d.Month, 1);
        var first = period.From == MonthStart(period.From) ? period.From : MonthStart(period.From).AddMonths(1);
        var last = MonthStart(period.To);
        if (first >= last)
        {
            return (period.From < period.To ? period : null, null, null);
        }
        return (period.From < first ? new Period(period.From, first) : null,
                new Period(first, last),
                last < period.To ? new Period(last, period.To) : null);
    }
}
