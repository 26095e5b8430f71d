using Baihe.Data.Database;
using Baihe.Data.Summaries;
using Baihe.Data.Tasks;
using Dapper;

namespace Baihe.Data.Dashboard;

/// <summary>
/// Every grouped figure of both views for one scope and period, read with the fragments of <see cref="DashboardSql"/>
/// (the ones <see cref="DrillQueries"/> lists with), keyed by community and by month, stage, status, area or team.
/// </summary>
internal sealed class DashboardFigures
{
    private sealed class ByCommunity { public int CommunityId { get; init; } public int Value { get; init; } }
    private sealed class ByMonth { public int CommunityId { get; init; } public int Month { get; init; } public int Value { get; init; } }
    private sealed class ByCode { public int CommunityId { get; init; } public string Code { get; init; } = ""; public int Value { get; init; } }
    private sealed class ByArea { public int CommunityId { get; init; } public int AreaId { get; init; } public int Value { get; init; } }

    /// <summary>A team of the scope with its active roster size (in the grid when one is set) and points issued to its members.</summary>
    public sealed class TeamFigure
    {
        public int TeamId { get; init; }
        public int CommunityId { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public int Members { get; init; }
        public int Points { get; init; }
    }

    /// <summary>One of the five point areas.</summary>
    public sealed class Area { public int Id { get; init; } public string Name { get; init; } = ""; }

    private const string ClosedSql = """
        SELECT g.CommunityId, rt.ClosedMonth AS Month, COUNT(*) AS Value
        FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
        WHERE 
        """ + DashboardSql.GridInScopeFragment + DashboardSql.TaskClosedFragment + """

        GROUP BY g.CommunityId, rt.ClosedMonth;
        """;

    private const string FulfilledSql = """
        SELECT g.CommunityId, w.FulfilledMonth AS Month, COUNT(*) AS Value
        FROM MicroWish w JOIN Grid g ON g.Id = w.GridId
        WHERE 
        """ + DashboardSql.GridInScopeFragment + DashboardSql.WishFulfilledFragment + """

        GROUP BY g.CommunityId, w.FulfilledMonth;
        """;

    private const string OpenSql = """
        SELECT g.CommunityId, rt.Stage AS Code, COUNT(*) AS Value
        FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
        WHERE 
        """ + DashboardSql.GridInScopeFragment + DashboardSql.TaskOpenFragment + """

        GROUP BY g.CommunityId, rt.Stage;
        """;

    private const string OverdueSql = """
        SELECT g.CommunityId, COUNT(*) AS Value
        FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
        WHERE 
        """ + DashboardSql.GridInScopeFragment + DashboardSql.TaskOverdueFragment + """

        GROUP BY g.CommunityId;
        """;

    private const string WishStatusSql = """
        SELECT g.CommunityId, w.Status AS Code, COUNT(*) AS Value
        FROM MicroWish w JOIN Grid g ON g.Id = w.GridId
        WHERE 
        """ + DashboardSql.GridInScopeFragment + DashboardSql.WishAtStatusFragment + """

        GROUP BY g.CommunityId, w.Status;
        """;

    private const string AreasSql = "SELECT pc.Id, pc.Name FROM PointCategory pc ORDER BY pc.SortOrder;";

    private const string PointsSql = """
        SELECT g.CommunityId, pe.CategoryId AS AreaId, SUM(pe.Points) AS Value
        FROM PointEntry pe JOIN Member m ON m.Id = pe.MemberId JOIN Grid g ON g.Id = m.GridId
        WHERE 
        """ + DashboardSql.GridInScopeFragment + DashboardSql.PointIssuedFragment + """

        GROUP BY g.CommunityId, pe.CategoryId;
        """;

    // 志愿者人数 as TileDefinitions.Volunteers defines it, from the one fragment the tile, /brands and the report share.
    private const string VolunteersSql = """
        SELECT t.CommunityId, COUNT(DISTINCT ms.MemberId) AS Value
        FROM Membership ms JOIN Team t ON t.Id = ms.TeamId JOIN Member m ON m.Id = ms.MemberId
        WHERE 
        """ + Baihe.Data.Members.PeopleSql.VolunteerTeamFragment + " AND " + Baihe.Data.Members.PeopleSql.OnRosterFragment + " AND "
        + DashboardSql.TeamInScopeFragment + """

        GROUP BY t.CommunityId;
        """;

    private const string LeadsSql = """
        SELECT g.CommunityId, COUNT(*) AS Value
        FROM Member m JOIN Grid g ON g.Id = m.GridId
        WHERE m.IsNeighbourLead = 1 AND 
        """ + DashboardSql.GridInScopeFragment + """

        GROUP BY g.CommunityId;
        """;

    private const string ActiveLeadsSql = """
        SELECT g.CommunityId, COUNT(*) AS Value
        FROM Member m JOIN Grid g ON g.Id = m.GridId
        WHERE m.IsNeighbourLead = 1 AND 
        """ + DashboardSql.GridInScopeFragment + DashboardSql.LeadActiveFragment + """

        GROUP BY g.CommunityId;
        """;

    private const string TeamsSql = """
        SELECT t.Id AS TeamId, t.CommunityId, t.Name, t.Kind,
               (SELECT COUNT(*) FROM Membership ms JOIN Member m ON m.Id = ms.MemberId
                 WHERE ms.TeamId = t.Id AND ms.LeftOn IS NULL AND (@GridId IS NULL OR m.GridId = @GridId)) AS Members,
               COALESCE((SELECT SUM(pe.Points) FROM Membership ms JOIN Member m ON m.Id = ms.MemberId JOIN PointEntry pe ON pe.MemberId = m.Id
                 WHERE ms.TeamId = t.Id AND ms.LeftOn IS NULL AND (@GridId IS NULL OR m.GridId = @GridId)
                 
        """ + DashboardSql.PointIssuedFragment + """
        ), 0) AS Points
        FROM Team t
        WHERE t.CommunityId IN (SELECT sc.Id FROM Community sc WHERE sc.SubDistrictId = @SubDistrictId)
          AND (@CommunityId IS NULL OR t.CommunityId = @CommunityId)
        ORDER BY t.CommunityId, t.SortOrder;
        """;

    private Dictionary<(int, int), int> _closed = [], _fulfilled = [];
    private Dictionary<(int, string), int> _open = [], _wishStatus = [];
    private Dictionary<int, int> _overdue = [], _volunteers = [], _leads = [], _activeLeads = [];
    private Dictionary<(int, int), int> _points = [];
    private List<MonthRates> _rates = [];

    public IReadOnlyList<Area> Areas { get; private set; } = [];

    public IReadOnlyList<TeamFigure> Teams { get; private set; } = [];

    /// <summary>
    /// Loads every figure of <paramref name="scope"/> over <paramref name="period"/>; the teams only when
    /// <paramref name="teams"/> is set (the community view charts them, the district view does not).
    /// </summary>
    public static async Task<DashboardFigures> LoadAsync(DbConnectionFactory db, DashboardScope scope, Period period, DateTime now, bool teams,
        TaskOptions options, CancellationToken ct)
    {
        var args = DashboardArgs.Of(scope, period, now);
        await using var conn = await db.OpenAsync(ct);
        async Task<List<T>> Q<T>(string sql) => (await conn.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
        // Points come from the summaries: whole months from PointSummary, the days around them from PointDaySummary (a
        // few thousand rows where the ledger holds up to a million a year per 街道). PointSummaryTests and the drill
        // tests prove they agree with the ledger, and the drill list behind a points chart always lists the ledger rows.
        // Only a period with a time of day, which no filter makes, would be summed from the ledger.
        var points = PointSummaryQueries.Answers(period)
            ? (await new PointSummaryQueries(db).PointsAsync(args.SubDistrictId, args.CommunityId, args.GridId, period, ct: ct))
                .ToDictionary(r => (r.CommunityId, r.AreaId), r => r.Value)
            : (await Q<ByArea>(PointsSql)).ToDictionary(r => (r.CommunityId, r.AreaId), r => r.Value);
        var f = new DashboardFigures
        {
            _closed = (await Q<ByMonth>(ClosedSql)).ToDictionary(r => (r.CommunityId, r.Month), r => r.Value),
            _fulfilled = (await Q<ByMonth>(FulfilledSql)).ToDictionary(r => (r.CommunityId, r.Month), r => r.Value),
            _open = (await Q<ByCode>(OpenSql)).ToDictionary(r => (r.CommunityId, r.Code), r => r.Value),
            _wishStatus = (await Q<ByCode>(WishStatusSql)).ToDictionary(r => (r.CommunityId, r.Code), r => r.Value),
            _overdue = (await Q<ByCommunity>(OverdueSql)).ToDictionary(r => r.CommunityId, r => r.Value),
            _volunteers = (await Q<ByCommunity>(VolunteersSql)).ToDictionary(r => r.CommunityId, r => r.Value),
            _leads = (await Q<ByCommunity>(LeadsSql)).ToDictionary(r => r.CommunityId, r => r.Value),
            _activeLeads = (await Q<ByCommunity>(ActiveLeadsSql)).ToDictionary(r => r.CommunityId, r => r.Value),
            _points = points,
            _rates = await RateSql.ReadAsync(conn, db.IsSqlite, args, options, ct),
            Areas = await Q<Area>(AreasSql),
            // Team points sum every rostered member's ledger rows: the most expensive statement, and only the
            // community view's team charts read it.
            Teams = teams ? await Q<TeamFigure>(TeamsSql) : [],
        };
        return f;
    }

    /// <summary>The rates of the tasks received in the scope and period of <paramref name="args"/>, added up.</summary>
    public static async Task<MonthRates> CohortAsync(DbConnectionFactory db, DashboardArgs args, TaskOptions options, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return MonthRates.Sum(await RateSql.ReadAsync(conn, db.IsSqlite, args, options, ct));
    }

    private static bool In(int community, int? only) => only is null || only == community;

    public int Closed(int? community, int? month = null) => _closed.Where(kv => In(kv.Key.Item1, community) && (month is null || kv.Key.Item2 == month)).Sum(kv => kv.Value);

    public int Fulfilled(int? community, int? month = null) => _fulfilled.Where(kv => In(kv.Key.Item1, community) && (month is null || kv.Key.Item2 == month)).Sum(kv => kv.Value);

    public int Open(int? community, string? stage = null) => _open.Where(kv => In(kv.Key.Item1, community) && (stage is null || kv.Key.Item2 == stage)).Sum(kv => kv.Value);

    public int WishStatus(int? community, string status) => _wishStatus.Where(kv => In(kv.Key.Item1, community) && kv.Key.Item2 == status).Sum(kv => kv.Value);

    public int Overdue(int? community) => _overdue.Where(kv => In(kv.Key, community)).Sum(kv => kv.Value);

    public int Volunteers(int? community) => _volunteers.Where(kv => In(kv.Key, community)).Sum(kv => kv.Value);

    public int Leads(int? community) => _leads.Where(kv => In(kv.Key, community)).Sum(kv => kv.Value);

    public int ActiveLeads(int? community) => _activeLeads.Where(kv => In(kv.Key, community)).Sum(kv => kv.Value);

    public int Points(int? community, int? area = null) => _points.Where(kv => In(kv.Key.Item1, community) && (area is null || kv.Key.Item2 == area)).Sum(kv => kv.Value);

    public MonthRates Rates(int? community, int? month = null) => MonthRates.Sum(_rates.Where(r => In(r.CommunityId, community) && (month is null || r.Month == month)));

    /// <summary>The rates of <paramref name="community"/> per grid of the tasks.</summary>
    public IReadOnlyDictionary<int, MonthRates> RatesByGrid(int community) =>
        _rates.Where(r => r.CommunityId == community).GroupBy(r => r.GridId).ToDictionary(g => g.Key, g => MonthRates.Sum(g));

    /// <summary>The rates of <paramref name="community"/> per team the tasks are assigned to (tasks without a team left out).</summary>
    public IReadOnlyDictionary<int, MonthRates> RatesByTeam(int community) =>
        _rates.Where(r => r.CommunityId == community && r.TeamId is not null).GroupBy(r => r.TeamId!.Value).ToDictionary(g => g.Key, g => MonthRates.Sum(g));
}
