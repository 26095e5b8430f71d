using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Summaries;

/// <summary>
/// Points issued per community and area, read from <c>PointSummary</c> (grid × month × area) instead of the ledger:
/// a 街道's year is about 12 communities × 50 grids × 12 months × 5 areas of summary rows where the ledger holds about
/// 800,000 entries. The summary's grain is the month, so it answers periods that start and end on the first of a month
/// (<see cref="Answers"/>); any other period must be read from the ledger.
/// </summary>
public sealed class PointSummaryQueries(DbConnectionFactory db)
{
    // The same scope as the dashboard's grid fragment (sub-district, then community and grid when set); months instead
    // of days. The grids of the scope drive the plan: each is one range seek on the summary's primary key.
    private const string PointsSql = """
        SELECT g.CommunityId, ps.CategoryId AS AreaId, SUM(ps.Issued) AS Value
        FROM Community sc
        JOIN Grid g ON g.CommunityId = sc.Id
        JOIN PointSummary ps ON ps.GridId = g.Id
        WHERE sc.SubDistrictId = @SubDistrictId
          AND (@CommunityId IS NULL OR g.CommunityId = @CommunityId) AND (@GridId IS NULL OR g.Id = @GridId)
          AND ps.Month >= @FromMonth AND ps.Month < @ToMonth
          AND (@AreaId IS NULL OR ps.CategoryId = @AreaId)
        GROUP BY g.CommunityId, ps.CategoryId;
        """;

    /// <summary>True when the summary can answer <paramref name="period"/>: it starts and ends on the first of a month.</summary>
    public static bool Answers(Period period) => period.From.Day == 1 && period.To.Day == 1 && period.From.TimeOfDay == TimeSpan.Zero
        && period.To.TimeOfDay == TimeSpan.Zero;

    /// <summary>
    /// Points issued per community and area in a 街道 (narrowed to a community and a grid when given) over a
    /// month-aligned period: the same figures as summing the positive ledger entries of those residents in those days.
    /// </summary>
    /// <exception cref="ArgumentException">The period does not start and end on the first of a month.</exception>
    public async Task<IReadOnlyList<AreaPointsRow>> PointsAsync(int subDistrictId, int? communityId, int? gridId, Period period, int? areaId = null,
        CancellationToken ct = default)
    {
        if (!Answers(period))
        {
            throw new ArgumentException("The summary holds whole months; read a period of days from the ledger.", nameof(period));
        }
        var args = new
        {
            SubDistrictId = subDistrictId, CommunityId = communityId, GridId = gridId, AreaId = areaId,
            FromMonth = period.From.Year * 100 + period.From.Month, ToMonth = period.To.Year * 100 + period.To.Month,
        };
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<AreaPointsRow>(new CommandDefinition(PointsSql, args, cancellationToken: ct))).AsList();
    }
}
