using Baihe.Data.Database;
using Baihe.Data.Tasks;
using Baihe.Data.Wishes;

namespace Baihe.Data.Dashboard;

/// <summary>
/// The community overview under a filter (period and grid): its tiles and charts as <see cref="DashboardChart"/>s,
/// every value drillable. Months after today are null (not zero): they have not happened yet.
/// </summary>
public sealed class CommunityDashboardQueries(DbConnectionFactory db, BaiheClock clock, TaskOptions? options = null)
{
    private readonly TaskOptions _options = options ?? TaskOptions.Default;

    private const string GridsSql = "SELECT g.Id, g.Name FROM Grid g WHERE g.CommunityId = @CommunityId AND (@GridId IS NULL OR g.Id = @GridId) ORDER BY g.SortOrder, g.Id;";

    private sealed class Named { public int Id { get; init; } public string Name { get; init; } = ""; }

    /// <summary>The open stages in workflow order; closed tasks are a tile, so a few open ones are not drowned by many closed.</summary>
    public static readonly IReadOnlyList<string> OpenStages = ["Collected", "Identified", "Assigned", "Resolved"];

    /// <summary>The wish statuses in workflow order.</summary>
    public static readonly IReadOnlyList<string> WishStatuses = ["Published", "Claimed", "Fulfilled", "Visited"];

    /// <summary>
    /// Tiles and charts of <paramref name="scope"/>'s community (the scope must name one: a secretary's always does; an
    /// official's when the link names a community).
    /// </summary>
    public async Task<CommunityDashboard> LoadAsync(DashboardScope scope, DashboardFilter filter, CancellationToken ct = default)
    {
        var community = scope.Community ?? throw new ArgumentException("The community overview needs a scope with a community.", nameof(scope));
        var now = clock.Now;
        var f = await DashboardFigures.LoadAsync(db, scope, filter.Period, now, teams: true, _options, ct);
        List<Named> grids;
        await using (var conn = await db.OpenAsync(ct))
        {
            grids = (await Dapper.SqlMapper.QueryAsync<Named>(conn, new Dapper.CommandDefinition(GridsSql,
                new { CommunityId = community.Id, scope.GridId }, cancellationToken: ct))).ToList();
        }
        var teams = f.Teams.Where(t => t.CommunityId == community.Id).ToList();
        var all = DrillBucket.AllText;

        var tiles = new List<DashboardTile>
        {
            new("volunteerTeams", "志愿服务队", teams.Count(t => t.Kind == "VolunteerService"), "支", "", ""),
            new("interestGroups", "兴趣队伍", teams.Count(t => t.Kind == "InterestGroup"), "支", "", ""),
            new("neighbourLeads", "百合邻长", f.Leads(community.Id), "人", DrillMetrics.NeighbourLeads, all),
            new("activeLeads", "活跃邻长", f.ActiveLeads(community.Id), "人", DrillMetrics.ActiveNeighbourLeads, all),
            new("volunteers", "志愿者人数", f.Volunteers(community.Id), "人", DrillMetrics.Volunteers, all),
            new("tasksDone", "办实事", f.Closed(community.Id), "件", DrillMetrics.TasksClosed, all),
            new("wishesFulfilled", "完成微心愿", f.Fulfilled(community.Id), "个", DrillMetrics.WishesFulfilled, all),
            new("pointsIssued", "积分发放", f.Points(community.Id), "分", DrillMetrics.Points, all),
            new("openTasks", "在办实事", f.Open(community.Id), "件", DrillMetrics.TasksOpen, all),
            new("overdueTasks", "超期实事", f.Overdue(community.Id), "件", DrillMetrics.TasksOverdue, all),
        };
        var rates = f.Rates(community.Id);
        DashboardTile Rate(string key, string title, double? value, string metric, string definition) =>
            new(key, title, DashboardMath.Percent(value), "%", metric, all) { Definition = definition };
        tiles.AddRange(
        [
            Rate("responseRate", "响应率", rates.ResponseRate, DrillMetrics.ResponseRate, RateDefinitions.Response(_options.ResponseHours)),
            Rate("solveRate", "解决率", rates.SolveRate, DrillMetrics.SolveRate, RateDefinitions.Solve),
            Rate("onTimeRate", "按时办结率", rates.OnTimeRate, DrillMetrics.OnTimeRate, RateDefinitions.OnTime),
            Rate("satisfactionRate", "满意率", rates.SatisfactionRate, DrillMetrics.SatisfactionRate, RateDefinitions.Satisfaction),
            Rate("visitRate", "回访率", rates.VisitRate, DrillMetrics.VisitRate, RateDefinitions.Visit),
        ]);
        var byGrid = f.RatesByGrid(community.Id);
        var byTeam = f.RatesByTeam(community.Id);

        var months = Months(filter.Period);
        // A period across a new year names the year too, or 1月 would sit after 12月 unexplained.
        var acrossYears = months.Count > 0 && months[0].Year != months[^1].Year;
        var monthNames = months.Select(m => acrossYears ? $"{m.Year}年{m.Month}月" : $"{m.Month}月").ToList();
        var monthBuckets = months.Select(m => $"month={m:yyyy-MM}").ToList();
        var thisMonth = new DateTime(now.Year, now.Month, 1);
        double? Past(DateTime month, double? value) => month > thisMonth ? null : value;
        // A month's rates are drawn once the month has ended: tasks received yesterday cannot be closed yet, and a
        // line plunging to 0% for the month in progress reads as a collapse, not as "too early to tell".
        double? Ended(DateTime month, double? value) => month >= thisMonth ? null : value;
        static int Key(DateTime m) => m.Year * 100 + m.Month;
        var place = scope.Grid is null ? "" : $"（{scope.Grid}）";

        var charts = new List<DashboardChart>
        {
            new("community.monthly", "每月办实事与微心愿", $"{filter.Label}{place}每月办结的实事和完成的微心愿", ChartShape.Bar, "件", monthNames,
            [
                new("办结实事", months.Select(m => Past(m, f.Closed(community.Id, Key(m)))).ToList(), DrillMetrics.TasksClosed, monthBuckets),
                new("完成微心愿", months.Select(m => Past(m, f.Fulfilled(community.Id, Key(m)))).ToList(), DrillMetrics.WishesFulfilled, monthBuckets),
            ]),
            new("community.rates", "每月办结率与满意率", $"{filter.Label}{place}每月受理的实事：办结率和满意率（当月无受理或当月尚未结束时不画点）", ChartShape.Line, "%", monthNames,
            [
                new("办结率", months.Select(m => Ended(m, DashboardMath.Percent(f.Rates(community.Id, Key(m)).CloseRate))).ToList(), DrillMetrics.CloseRate, monthBuckets),
                new("满意率", months.Select(m => Ended(m, DashboardMath.Percent(f.Rates(community.Id, Key(m)).SatisfactionRate))).ToList(), DrillMetrics.SatisfactionRate, monthBuckets),
            ]),
            new("community.points-area", "积分发放（按领域）", $"{filter.Label}{place}发放的积分，按五个服务领域", ChartShape.Donut, "分",
                f.Areas.Select(a => a.Name).ToList(),
            [
                new("积分", f.Areas.Select(a => (double?)f.Points(community.Id, a.Id)).ToList(), DrillMetrics.Points, f.Areas.Select(a => $"area={a.Id}").ToList()),
            ]),
            new("community.stages", "在办实事阶段", $"当前未办结的实事{place}，按所处阶段；已办结的见“办实事”", ChartShape.Bar, "件",
                OpenStages.Select(TaskLabels.Stage).ToList(),
            [
                new("在办", OpenStages.Select(s => (double?)f.Open(community.Id, s)).ToList(), DrillMetrics.TasksOpen, OpenStages.Select(s => $"stage={s}").ToList()),
            ]),
            new("community.wishes", "微心愿状态", $"未完成的微心愿（当前）和{filter.Label}完成的微心愿{place}", ChartShape.Donut, "个",
                WishStatuses.Select(WishLabels.Status).ToList(),
            [
                new("微心愿", WishStatuses.Select(s => (double?)f.WishStatus(community.Id, s)).ToList(), DrillMetrics.WishesAtStatus, WishStatuses.Select(s => $"status={s}").ToList()),
            ]),
            new("community.team-sizes", "队伍人数", $"各队伍当前在册人数{place}", ChartShape.Bar, "人", teams.Select(t => t.Name).ToList(),
            [
                new("在册", teams.Select(t => (double?)t.Members).ToList(), DrillMetrics.TeamMembers, teams.Select(t => $"team={t.TeamId}").ToList()),
            ]),
            new("community.team-points", "各队伍成员积分", $"{filter.Label}各队伍在册成员获得的积分{place}（一人多队时各队都计）", ChartShape.Bar, "分", teams.Select(t => t.Name).ToList(),
            [
                new("积分", teams.Select(t => (double?)t.Points).ToList(), DrillMetrics.TeamPoints, teams.Select(t => $"team={t.TeamId}").ToList()),
            ]),
        };
        return new CommunityDashboard(tiles, charts)
        {
            RatesByGrid = grids.Select(g => new RateRow(g.Id, g.Name, byGrid.GetValueOrDefault(g.Id) ?? new MonthRates())).ToList(),
            RatesByTeam = teams.Where(t => byTeam.ContainsKey(t.TeamId)).Select(t => new RateRow(t.TeamId, t.Name, byTeam[t.TeamId])).ToList(),
            ResponseHours = _options.ResponseHours,
        };
    }

    /// <summary>The first day of every month the period touches.</summary>
    internal static List<DateTime> Months(Period period)
    {
        var months = new List<DateTime>();
        for (var m = new DateTime(period.From.Year, period.From.Month, 1); m < period.To; m = m.AddMonths(1))
        {
            months.Add(m);
        }
        return months;
    }
}
