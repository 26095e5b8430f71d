using Baihe.Data.Database;
using Baihe.Data.Members;
using Dapper;

namespace Baihe.Data.Overview;

/// <summary>
/// The figures of 总览. Every time bucket is either an indexed month key (ClosedMonth, FulfilledMonth)
/// or a date range computed in C#; nothing computes a month per row.
/// </summary>
public sealed class OverviewQueries(DbConnectionFactory db)
{
    private const string KpisSql = """
        SELECT
            (SELECT COUNT(*) FROM Team t WHERE t.CommunityId = @CommunityId AND t.Kind = 'VolunteerService') AS VolunteerTeams,
            (SELECT COUNT(*) FROM Team t WHERE t.CommunityId = @CommunityId AND t.Kind = 'InterestGroup') AS InterestGroups,
            (SELECT COUNT(*) FROM Member m JOIN Grid g ON g.Id = m.GridId
              WHERE g.CommunityId = @CommunityId AND m.IsNeighbourLead = 1) AS NeighbourLeads,
            (SELECT COUNT(DISTINCT ms.MemberId) FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
              WHERE t.CommunityId = @CommunityId AND 
        """ + PeopleSql.VolunteerTeamFragment + " AND " + PeopleSql.OnRosterFragment + """
        ) AS Volunteers,
            (SELECT COUNT(*) FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
              WHERE g.CommunityId = @CommunityId AND rt.ClosedMonth BETWEEN @FromMonth AND @ToMonth) AS TasksDone,
            (SELECT COUNT(*) FROM MicroWish w JOIN Grid g ON g.Id = w.GridId
              WHERE g.CommunityId = @CommunityId AND w.FulfilledMonth BETWEEN @FromMonth AND @ToMonth) AS WishesFulfilled;
        """;

    private const string TasksByMonthSql = """
        SELECT rt.ClosedMonth AS Month, COUNT(*) AS Count
        FROM ResidentTask rt
        JOIN Grid g ON g.Id = rt.GridId
        WHERE g.CommunityId = @CommunityId AND rt.ClosedMonth BETWEEN @FromMonth AND @ToMonth
        GROUP BY rt.ClosedMonth
        ORDER BY rt.ClosedMonth;
        """;

    private const string WishesByMonthSql = """
        SELECT w.FulfilledMonth AS Month, COUNT(*) AS Count
        FROM MicroWish w
        JOIN Grid g ON g.Id = w.GridId
        WHERE g.CommunityId = @CommunityId AND w.FulfilledMonth BETWEEN @FromMonth AND @ToMonth
        GROUP BY w.FulfilledMonth
        ORDER BY w.FulfilledMonth;
        """;

    private const string PointsByAreaSql = """
        SELECT pc.Id AS CategoryId, pc.Name AS Area, COALESCE(x.Points, 0) AS Points
        FROM PointCategory pc
        LEFT JOIN (
            SELECT pe.CategoryId, SUM(pe.Points) AS Points
            FROM PointEntry pe
            JOIN Member m ON m.Id = pe.MemberId
            JOIN Grid g ON g.Id = m.GridId
            WHERE g.CommunityId = @CommunityId AND pe.Points > 0 AND pe.OccurredOn >= @From AND pe.OccurredOn < @To
            GROUP BY pe.CategoryId
        ) x ON x.CategoryId = pc.Id
        ORDER BY pc.SortOrder;
        """;

    private const string TeamSizesSql = """
        SELECT t.Id AS TeamId, t.Name, t.Kind, COUNT(ms.Id) AS Members
        FROM Team t
        LEFT JOIN Membership ms ON ms.TeamId = t.Id AND ms.LeftOn IS NULL
        WHERE t.CommunityId = @CommunityId
        GROUP BY t.Id, t.Name, t.Kind, t.SortOrder
        ORDER BY t.SortOrder;
        """;

    // Open tasks at every stage, plus the tasks closed this year, so the 办结 bar equals the 今年办实事 tile.
    private const string TasksByStageSql = """
        SELECT rt.Stage, COUNT(*) AS Count
        FROM ResidentTask rt
        JOIN Grid g ON g.Id = rt.GridId
        WHERE g.CommunityId = @CommunityId
          AND (rt.Stage <> 'Closed' OR rt.ClosedMonth BETWEEN @FromMonth AND @ToMonth)
        GROUP BY rt.Stage;
        """;

    // Open wishes, plus those fulfilled in the period. The month key is null exactly when FulfilledAt is, and unlike
    // FulfilledAt it is in IX_MicroWish_GridId_FulfilledMonth, so no wish row is read.
    private const string WishesByStatusSql = """
        SELECT w.Status AS Stage, COUNT(*) AS Count
        FROM MicroWish w
        JOIN Grid g ON g.Id = w.GridId
        WHERE g.CommunityId = @CommunityId
          AND (w.FulfilledMonth IS NULL OR w.FulfilledMonth BETWEEN @FromMonth AND @ToMonth)
        GROUP BY w.Status;
        """;

    /// <summary>The wish statuses in workflow order.</summary>
    public static readonly IReadOnlyList<string> WishStatuses = ["Published", "Claimed", "Fulfilled", "Visited"];

    /// <summary>The stages in workflow order, so a chart shows all five even when one is empty.</summary>
    public static readonly IReadOnlyList<string> Stages = ["Collected", "Identified", "Assigned", "Resolved", "Closed"];

    /// <summary>Loads the tiles and the four charts of 总览 for a community and a period (normally this year).</summary>
    public async Task<OverviewData> LoadAsync(int communityId, Period period, CancellationToken ct = default)
    {
        // The roster is read as it stood at the period's end: for the current period that is now (join and leave dates
        // are never in the future), for a past month the roster its report describes.
        var args = new { CommunityId = communityId, period.From, period.To, period.FromMonth, period.ToMonth, Now = PeopleQueries.EndOf(period) };
        await using var conn = await db.OpenAsync(ct);
        var kpis = await conn.QuerySingleAsync<OverviewKpis>(new CommandDefinition(KpisSql, args, cancellationToken: ct));
        var tasks = await conn.QueryAsync<MonthCount>(new CommandDefinition(TasksByMonthSql, args, cancellationToken: ct));
        var wishes = await conn.QueryAsync<MonthCount>(new CommandDefinition(WishesByMonthSql, args, cancellationToken: ct));
        var areas = (await conn.QueryAsync<AreaPoints>(new CommandDefinition(PointsByAreaSql, args, cancellationToken: ct))).AsList();
        // 积分发放 is the sum of the areas (same filter): reading the community's ledger once instead of twice.
        kpis = kpis with { PointsIssued = areas.Sum(a => a.Points) };
        var teams = await conn.QueryAsync<TeamSize>(new CommandDefinition(TeamSizesSql, args, cancellationToken: ct));
        var stages = (await conn.QueryAsync<StageCount>(new CommandDefinition(TasksByStageSql, args, cancellationToken: ct)))
            .ToDictionary(s => s.Stage, s => s.Count);
        var wishStatuses = (await conn.QueryAsync<StageCount>(new CommandDefinition(WishesByStatusSql, args, cancellationToken: ct)))
            .ToDictionary(s => s.Stage, s => s.Count);

        return new OverviewData(
            kpis,
            FillMonths(tasks, period),
            FillMonths(wishes, period),
            areas,
            teams.AsList(),
            Stages.Select(s => new StageCount { Stage = s, Count = stages.GetValueOrDefault(s) }).ToList(),
            WishStatuses.Select(s => new StageCount { Stage = s, Count = wishStatuses.GetValueOrDefault(s) }).ToList());
    }

    /// <summary>One entry per month of the period, zero where SQL returned no row.</summary>
    private static List<MonthCount> FillMonths(IEnumerable<MonthCount> rows, Period period)
    {
        var byMonth = rows.ToDictionary(r => r.Month, r => r.Count);
        var months = new List<MonthCount>();
        for (var m = period.From; m < period.To; m = m.AddMonths(1))
        {
            var key = m.Year * 100 + m.Month;
            months.Add(new MonthCount { Month = key, Count = byMonth.GetValueOrDefault(key) });
        }
        return months;
    }
}
