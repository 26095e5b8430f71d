using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Tasks;
using Baihe.Data.Wishes;
using Dapper;

namespace Baihe.Data.Dashboard;

/// <summary>
/// The records behind a charted value. Each metric lists with the same fragments (<see cref="DashboardSql"/>) the
/// figures were counted with, so <see cref="DrillList.Count"/> (or <see cref="DrillList.Total"/>) equals the value
/// clicked. An unknown metric, a malformed bucket or a bucket outside the scope is refused with a Chinese message
/// and no rows, never answered with a different list.
/// </summary>
public sealed class DrillQueries(DbConnectionFactory db, BaiheClock clock, TaskOptions? options = null)
{
    private readonly TaskOptions _options = options ?? TaskOptions.Default;

    /// <summary>A metric <see cref="DrillMetrics"/> does not name.</summary>
    public const string UnknownMetric = "无法识别要查看的指标。链接可能有误，请从图表重新点击。";

    /// <summary>A bucket that cannot be read or does not fit the metric or the period.</summary>
    public const string BadBucket = "无法识别所点的图表分组。链接可能有误，请从图表重新点击。";

    /// <summary>A community or team in the bucket that lies outside the scope.</summary>
    public const string OutsideScope = "所点的社区或队伍不在您可查看的范围内。";

    private const string TaskFromFragment = """
        FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId JOIN Community cm ON cm.Id = g.CommunityId
        WHERE 
        """ + DashboardSql.GridInScopeFragment;
    private const string TaskSelectFragment = "SELECT rt.Id, rt.Title, cm.Name AS Community, g.Name AS Grid, rt.Stage, rt.CollectedAt, rt.DueAt, rt.ClosedAt\n" + TaskFromFragment;
    private const string TaskCountFragment = "SELECT COUNT(*)\n" + TaskFromFragment;

    private const string ClosedCountSql = TaskCountFragment + DashboardSql.TaskClosedFragment + ";";
    private const string ClosedListFragment = TaskSelectFragment + DashboardSql.TaskClosedFragment + "\nORDER BY rt.ClosedAt DESC, rt.Id DESC";
    private const string ClosedListSqlite = ClosedListFragment + DashboardSql.LimitTail;
    private const string ClosedListSqlServer = ClosedListFragment + DashboardSql.OffsetTail;

    private const string OpenCountSql = TaskCountFragment + DashboardSql.TaskOpenFragment + ";";
    private const string OpenListFragment = TaskSelectFragment + DashboardSql.TaskOpenFragment + "\nORDER BY rt.CollectedAt, rt.Id";
    private const string OpenListSqlite = OpenListFragment + DashboardSql.LimitTail;
    private const string OpenListSqlServer = OpenListFragment + DashboardSql.OffsetTail;

    private const string OverdueCountSql = TaskCountFragment + DashboardSql.TaskOverdueFragment + ";";
    private const string OverdueListFragment = TaskSelectFragment + DashboardSql.TaskOverdueFragment + "\nORDER BY rt.DueAt, rt.Id";
    private const string OverdueListSqlite = OverdueListFragment + DashboardSql.LimitTail;
    private const string OverdueListSqlServer = OverdueListFragment + DashboardSql.OffsetTail;

    private const string ReceivedCountSql = TaskCountFragment + DashboardSql.TaskReceivedFragment + ";";
    private const string ReceivedListFragment = TaskSelectFragment + DashboardSql.TaskReceivedFragment + "\nORDER BY rt.CollectedAt, rt.Id";
    private const string ReceivedListSqlite = ReceivedListFragment + DashboardSql.LimitTail;
    private const string ReceivedListSqlServer = ReceivedListFragment + DashboardSql.OffsetTail;

    private const string WishFromFragment = """
        FROM MicroWish w JOIN Grid g ON g.Id = w.GridId JOIN Community cm ON cm.Id = g.CommunityId
        WHERE 
        """ + DashboardSql.GridInScopeFragment;
    private const string WishSelectFragment = "SELECT w.Id, w.Content AS Title, cm.Name AS Community, g.Name AS Grid, w.Status AS Stage, w.PublishedAt AS CollectedAt, w.FulfilledAt AS ClosedAt\n" + WishFromFragment;

    private const string FulfilledCountSql = "SELECT COUNT(*)\n" + WishFromFragment + DashboardSql.WishFulfilledFragment + ";";
    private const string FulfilledListFragment = WishSelectFragment + DashboardSql.WishFulfilledFragment + "\nORDER BY w.FulfilledAt DESC, w.Id DESC";
    private const string FulfilledListSqlite = FulfilledListFragment + DashboardSql.LimitTail;
    private const string FulfilledListSqlServer = FulfilledListFragment + DashboardSql.OffsetTail;

    private const string StatusCountSql = "SELECT COUNT(*)\n" + WishFromFragment + DashboardSql.WishAtStatusFragment + ";";
    private const string StatusListFragment = WishSelectFragment + DashboardSql.WishAtStatusFragment + "\nORDER BY w.PublishedAt, w.Id";
    private const string StatusListSqlite = StatusListFragment + DashboardSql.LimitTail;
    private const string StatusListSqlServer = StatusListFragment + DashboardSql.OffsetTail;

    private const string PointFromFragment = """
        FROM PointEntry pe JOIN Member m ON m.Id = pe.MemberId JOIN Grid g ON g.Id = m.GridId
        JOIN Community cm ON cm.Id = g.CommunityId JOIN PointCategory pc ON pc.Id = pe.CategoryId
        WHERE 
        """ + DashboardSql.GridInScopeFragment + DashboardSql.PointIssuedFragment;
    private const string PointTotalSql = "SELECT COUNT(*) AS Count, COALESCE(SUM(pe.Points), 0) AS Total\n" + PointFromFragment + ";";
    private const string PointListFragment = """
        SELECT pe.Id, m.Id AS MemberId, m.Name, cm.Name AS Community, g.Name AS Grid, pc.Name AS Area, pe.Points, pe.Source, pe.OccurredOn
        
        """ + PointFromFragment + "\nORDER BY pe.OccurredOn DESC, pe.Id DESC";
    private const string PointListSqlite = PointListFragment + DashboardSql.LimitTail;
    private const string PointListSqlServer = PointListFragment + DashboardSql.OffsetTail;

    // A team's points are the entries of its active members (in the grid when one is set), as the team chart sums them.
    private const string TeamPointFromFragment = """
        FROM Membership ms JOIN Team t ON t.Id = ms.TeamId JOIN Member m ON m.Id = ms.MemberId JOIN PointEntry pe ON pe.MemberId = m.Id
        JOIN Grid g ON g.Id = m.GridId JOIN Community cm ON cm.Id = g.CommunityId JOIN PointCategory pc ON pc.Id = pe.CategoryId
        WHERE ms.TeamId = @TeamId AND ms.LeftOn IS NULL AND (@GridId IS NULL OR m.GridId = @GridId)
        """ + DashboardSql.PointIssuedFragment;
    private const string TeamPointTotalSql = "SELECT COUNT(*) AS Count, COALESCE(SUM(pe.Points), 0) AS Total\n" + TeamPointFromFragment + ";";
    private const string TeamPointListFragment = """
        SELECT pe.Id, m.Id AS MemberId, m.Name, cm.Name AS Community, g.Name AS Grid, pc.Name AS Area, pe.Points, pe.Source, pe.OccurredOn
        
        """ + TeamPointFromFragment + "\nORDER BY pe.OccurredOn DESC, pe.Id DESC";
    private const string TeamPointListSqlite = TeamPointListFragment + DashboardSql.LimitTail;
    private const string TeamPointListSqlServer = TeamPointListFragment + DashboardSql.OffsetTail;

    private const string MemberSelectFragment = "SELECT m.Id, m.Name, cm.Name AS Community, g.Name AS Grid, m.Skill\n";

    private const string TeamMembersFromFragment = """
        FROM Membership ms JOIN Member m ON m.Id = ms.MemberId JOIN Grid g ON g.Id = m.GridId JOIN Community cm ON cm.Id = g.CommunityId
        WHERE ms.TeamId = @TeamId AND ms.LeftOn IS NULL AND (@GridId IS NULL OR m.GridId = @GridId)
        """;
    private const string TeamMembersCountSql = "SELECT COUNT(*)\n" + TeamMembersFromFragment + ";";
    private const string TeamMembersListFragment = MemberSelectFragment + TeamMembersFromFragment + "\nORDER BY m.Name, m.Id";
    private const string TeamMembersListSqlite = TeamMembersListFragment + DashboardSql.LimitTail;
    private const string TeamMembersListSqlServer = TeamMembersListFragment + DashboardSql.OffsetTail;

    // 志愿者人数 as TileDefinitions.Volunteers defines it, from the one fragment the tile, /brands and the report share.
    private const string VolunteersFromFragment = """
        FROM Member m JOIN Grid g ON g.Id = m.GridId JOIN Community cm ON cm.Id = g.CommunityId
        WHERE m.Id IN (SELECT ms.MemberId FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
                       WHERE 
        """ + Baihe.Data.Members.PeopleSql.VolunteerTeamFragment + " AND " + Baihe.Data.Members.PeopleSql.OnRosterFragment + " AND "
        + DashboardSql.TeamInScopeFragment + ")";
    private const string VolunteersCountSql = "SELECT COUNT(*)\n" + VolunteersFromFragment + ";";
    private const string VolunteersListFragment = MemberSelectFragment + VolunteersFromFragment + "\nORDER BY m.Name, m.Id";
    private const string VolunteersListSqlite = VolunteersListFragment + DashboardSql.LimitTail;
    private const string VolunteersListSqlServer = VolunteersListFragment + DashboardSql.OffsetTail;

    private const string LeadsFromFragment = """
        FROM Member m JOIN Grid g ON g.Id = m.GridId JOIN Community cm ON cm.Id = g.CommunityId
        WHERE m.IsNeighbourLead = 1 AND 
        """ + DashboardSql.GridInScopeFragment;
    private const string LeadsCountSql = "SELECT COUNT(*)\n" + LeadsFromFragment + ";";
    private const string LeadsListFragment = MemberSelectFragment + LeadsFromFragment + "\nORDER BY m.Name, m.Id";
    private const string LeadsListSqlite = LeadsListFragment + DashboardSql.LimitTail;
    private const string LeadsListSqlServer = LeadsListFragment + DashboardSql.OffsetTail;

    private const string ActiveLeadsCountSql = "SELECT COUNT(*)\n" + LeadsFromFragment + DashboardSql.LeadActiveFragment + ";";
    private const string ActiveLeadsListFragment = MemberSelectFragment + LeadsFromFragment + DashboardSql.LeadActiveFragment + "\nORDER BY m.Name, m.Id";
    private const string ActiveLeadsListSqlite = ActiveLeadsListFragment + DashboardSql.LimitTail;
    private const string ActiveLeadsListSqlServer = ActiveLeadsListFragment + DashboardSql.OffsetTail;

    private const string TeamCommunitySql = "SELECT t.CommunityId FROM Team t WHERE t.Id = @TeamId;";

    private sealed class ItemLine
    {
        public int Id { get; init; }
        public string Title { get; init; } = "";
        public string Community { get; init; } = "";
        public string Grid { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateTime CollectedAt { get; init; }
        public DateTime? DueAt { get; init; }
        public DateTime? ClosedAt { get; init; }
    }

    private sealed class PointLine
    {
        public int Id { get; init; }
        public int MemberId { get; init; }
        public string Name { get; init; } = "";
        public string Community { get; init; } = "";
        public string Grid { get; init; } = "";
        public string Area { get; init; } = "";
        public int Points { get; init; }
        public string Source { get; init; } = "";
        public DateTime OccurredOn { get; init; }
    }

    private sealed class PersonLine
    {
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public string Community { get; init; } = "";
        public string Grid { get; init; } = "";
        public string? Skill { get; init; }
    }

    private sealed class CountTotal { public int Count { get; init; } public int Total { get; init; } }

    // The bucket keys each metric accepts; anything else is a malformed bucket for that metric.
    private static bool Fits(string metric, DrillBucket b) => metric switch
    {
        DrillMetrics.TasksClosed or DrillMetrics.TasksReceived or DrillMetrics.WishesFulfilled
            => b is { TeamId: null, AreaId: null, Stage: null, Status: null },
        _ when DrillMetrics.IsRate(metric)
            => b is { TeamId: null, AreaId: null, Stage: null, Status: null },
        DrillMetrics.TasksOpen => b is { Month: null, TeamId: null, AreaId: null, Status: null } && b.Stage != "Closed",
        DrillMetrics.TasksOverdue or DrillMetrics.NeighbourLeads or DrillMetrics.Volunteers or DrillMetrics.ActiveNeighbourLeads
            => b is { Month: null, TeamId: null, AreaId: null, Stage: null, Status: null },
        DrillMetrics.WishesAtStatus => b is { Month: null, TeamId: null, AreaId: null, Stage: null },
        DrillMetrics.Points => b is { Month: null, TeamId: null, Stage: null, Status: null },
        DrillMetrics.TeamPoints or DrillMetrics.TeamMembers => b is { Month: null, AreaId: null, Stage: null, Status: null, CommunityId: null } && b.TeamId is not null,
        _ => false,
    };

    /// <summary>
    /// One page of the records behind (<paramref name="request"/>.Metric, .Bucket) under the request's filter, inside
    /// <paramref name="scope"/> (resolved for <paramref name="actor"/> from the same filter). A bucket naming a community
    /// or team outside the scope is refused and audited.
    /// </summary>
    public async Task<DrillList> ListAsync(Actor actor, DrillRequest request, DashboardScope scope, PageRequest page, CancellationToken ct = default)
    {
        if (!DrillMetrics.All.Contains(request.Metric))
        {
            return DrillList.Refused(UnknownMetric);
        }
        if (DrillBucket.Parse(request.Bucket) is not { } bucket || !Fits(request.Metric, bucket))
        {
            return DrillList.Refused(BadBucket);
        }
        var now = clock.Now;
        var period = request.Filter.Period;
        if (bucket.Month is DateTime month)
        {
            var from = month > period.From ? month : period.From;
            var to = month.AddMonths(1) < period.To ? month.AddMonths(1) : period.To;
            if (from >= to)
            {
                return DrillList.Refused(BadBucket);
            }
            period = new Period(from, to);
        }
        var community = scope.Community?.Id;
        if (bucket.CommunityId is int asked)
        {
            if (!scope.Includes(asked) || (community is int shown && shown != asked))
            {
                var denied = await Journal.DeniedAsync(db, actor, now, "Dashboard.Drill", "Community", asked, request.Bucket, ct, OutsideScope);
                return DrillList.Refused(denied.Message);
            }
            community = asked;
        }
        await using var conn = await db.OpenAsync(ct);
        if (bucket.TeamId is int team)
        {
            var teamCommunity = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(TeamCommunitySql, new { TeamId = team }, cancellationToken: ct));
            if (teamCommunity is not int tc || !scope.Includes(tc) || (community is int shown && shown != tc))
            {
                var denied = await Journal.DeniedAsync(db, actor, now, "Dashboard.Drill", "Team", team, request.Bucket, ct, OutsideScope);
                return DrillList.Refused(denied.Message);
            }
        }

        var args = new DashboardArgs(scope.SubDistrictId, community, scope.GridId, period.From, period.To, now,
            bucket.Stage, bucket.Status, bucket.AreaId, bucket.TeamId, page.Skip, page.Take);
        var sqlite = db.IsSqlite;
        async Task<int> CountAsync(string sql) => await conn.ExecuteScalarAsync<int>(new CommandDefinition(sql, args, cancellationToken: ct));
        async Task<List<T>> ListAsync<T>(string sqliteText, string sqlServerText) =>
            (await conn.QueryAsync<T>(new CommandDefinition(sqlite ? sqliteText : sqlServerText, args, cancellationToken: ct))).AsList();
        var where = Where(scope, community, request.Filter, bucket, period);

        switch (request.Metric)
        {
            case DrillMetrics.TasksClosed:
                return Tasks("办结的实事", $"{where}办结的实事", await CountAsync(ClosedCountSql), null,
                    await ListAsync<ItemLine>(ClosedListSqlite, ClosedListSqlServer), t => t.ClosedAt);
            case DrillMetrics.TasksOpen:
                return Tasks("在办的实事", $"{where}当前{(bucket.Stage is null ? "未办结" : "处于“" + TaskLabels.Stage(bucket.Stage) + "”阶段")}的实事",
                    await CountAsync(OpenCountSql), null, await ListAsync<ItemLine>(OpenListSqlite, OpenListSqlServer), t => t.CollectedAt);
            case DrillMetrics.TasksOverdue:
                return Tasks("超期的实事", $"{where}当前未办结且已超过办理时限的实事", await CountAsync(OverdueCountSql), null,
                    await ListAsync<ItemLine>(OverdueListSqlite, OverdueListSqlServer), t => t.DueAt);
            case DrillMetrics.TasksReceived:
                return Tasks("受理的实事", $"{where}受理的实事", await CountAsync(ReceivedCountSql), null,
                    await ListAsync<ItemLine>(ReceivedListSqlite, ReceivedListSqlServer), t => t.CollectedAt);
            case var metric when DrillMetrics.IsRate(metric):
            {
                // The list is the rate's whole cohort (every task received), so the reader can open each one; the
                // description says which of them make the numerator and the denominator.
                var rates = await DashboardFigures.CohortAsync(db, args, _options, ct);
                var (title, key, rate, definition) = metric switch
                {
                    DrillMetrics.CloseRate => ("办结率", "close", rates.CloseRate, RateDefinitions.Close),
                    DrillMetrics.ResponseRate => ("响应率", "response", rates.ResponseRate, RateDefinitions.Response(_options.ResponseHours)),
                    DrillMetrics.SolveRate => ("解决率", "solve", rates.SolveRate, RateDefinitions.Solve),
                    DrillMetrics.OnTimeRate => ("按时办结率", "ontime", rates.OnTimeRate, RateDefinitions.OnTime),
                    DrillMetrics.SatisfactionRate => ("满意率", "satisfaction", rates.SatisfactionRate, RateDefinitions.Satisfaction),
                    _ => ("回访率", "visit", rates.VisitRate, RateDefinitions.Visit),
                };
                return Tasks(title, $"{where}受理的实事：{RateDefinitions.Fraction(key, rates, _options.ResponseHours)}。{definition}",
                    await CountAsync(ReceivedCountSql), DashboardMath.Percent(rate),
                    await ListAsync<ItemLine>(ReceivedListSqlite, ReceivedListSqlServer), t => t.CollectedAt);
            }
            case DrillMetrics.WishesFulfilled:
                return Wishes("完成的微心愿", $"{where}完成的微心愿", await CountAsync(FulfilledCountSql),
                    await ListAsync<ItemLine>(FulfilledListSqlite, FulfilledListSqlServer));
            case DrillMetrics.WishesAtStatus:
                return Wishes("微心愿", $"{where}{(bucket.Status is null ? "未完成或本期完成" : "状态为“" + WishLabels.Status(bucket.Status) + "”")}的微心愿",
                    await CountAsync(StatusCountSql), await ListAsync<ItemLine>(StatusListSqlite, StatusListSqlServer));
            case DrillMetrics.Points:
            {
                var sum = await conn.QuerySingleAsync<CountTotal>(new CommandDefinition(PointTotalSql, args, cancellationToken: ct));
                return Points("积分发放", $"{where}发放的积分：共 {sum.Total} 分，{sum.Count} 条记录", sum,
                    await ListAsync<PointLine>(PointListSqlite, PointListSqlServer));
            }
            case DrillMetrics.TeamPoints:
            {
                var sum = await conn.QuerySingleAsync<CountTotal>(new CommandDefinition(TeamPointTotalSql, args, cancellationToken: ct));
                return Points("队伍成员积分", $"{where}该队伍在册成员获得的积分：共 {sum.Total} 分，{sum.Count} 条记录", sum,
                    await ListAsync<PointLine>(TeamPointListSqlite, TeamPointListSqlServer));
            }
            case DrillMetrics.TeamMembers:
                return People("队伍成员", $"该队伍当前在册成员{Grid(scope)}", await CountAsync(TeamMembersCountSql),
                    await ListAsync<PersonLine>(TeamMembersListSqlite, TeamMembersListSqlServer));
            case DrillMetrics.Volunteers:
                return People("志愿者", $"{Place(scope, community)}志愿服务队当前在册的居民（每人计一次）", await CountAsync(VolunteersCountSql),
                    await ListAsync<PersonLine>(VolunteersListSqlite, VolunteersListSqlServer));
            case DrillMetrics.NeighbourLeads:
                return People("百合邻长", $"{Place(scope, community)}的百合邻长", await CountAsync(LeadsCountSql),
                    await ListAsync<PersonLine>(LeadsListSqlite, LeadsListSqlServer));
            default:
                return People("活跃邻长", $"{where}至少获得一次积分的百合邻长", await CountAsync(ActiveLeadsCountSql),
                    await ListAsync<PersonLine>(ActiveLeadsListSqlite, ActiveLeadsListSqlServer));
        }
    }

    private static string Grid(DashboardScope scope) => scope.Grid is null ? "" : $"（{scope.Grid}）";

    private static string Place(DashboardScope scope, int? community) =>
        (community is int id ? scope.Communities.FirstOrDefault(c => c.Id == id)?.Name ?? "" : scope.SubDistrict) + Grid(scope);

    private static string Where(DashboardScope scope, int? community, DashboardFilter filter, DrillBucket bucket, Period period)
    {
        // A month bucket of a day range covers only part of that month: say which days.
        var when = bucket.Month is null ? filter.Label
            : filter.IsMonthAligned ? $"{period.From.Year}年{period.From.Month}月"
            : new DashboardFilter(PeriodKind.Range, period, null, null, null).Label;
        return $"{Place(scope, community)} {when}";
    }

    private static string Day(DateTime? at) => at?.ToString("yyyy-MM-dd") ?? "—";

    private static DrillList Tasks(string title, string description, int count, double? total, List<ItemLine> rows, Func<ItemLine, DateTime?> when) =>
        new(title, description, count, total, rows.Select(t => new DrillRow(t.Title, $"{t.Community} {t.Grid} · {TaskLabels.Stage(t.Stage)}", Day(when(t)), $"tasks/{t.Id}")).ToList());

    private static DrillList Wishes(string title, string description, int count, List<ItemLine> rows) =>
        new(title, description, count, null, rows.Select(w => new DrillRow(w.Title, $"{w.Community} {w.Grid} · {WishLabels.Status(w.Stage)}", Day(w.ClosedAt ?? w.CollectedAt), $"wishes/{w.Id}")).ToList());

    private static DrillList Points(string title, string description, CountTotal sum, List<PointLine> rows) =>
        new(title, description, sum.Count, sum.Total, rows.Select(p => new DrillRow($"{p.Name} +{p.Points}", $"{p.Community} {p.Grid} · {p.Area}", Day(p.OccurredOn), $"members/{p.MemberId}")).ToList());

    private static DrillList People(string title, string description, int count, List<PersonLine> rows) =>
        new(title, description, count, null, rows.Select(m => new DrillRow(m.Name, $"{m.Community} {m.Grid}{(m.Skill is null ? "" : " · " + m.Skill)}", "", $"members/{m.Id}")).ToList());
}
