using Baihe.Data.Database;

namespace Baihe.Data.Dashboard;

/// <summary>The district view: one row per community of the sub-district, and the charts that compare them.</summary>
public sealed class DistrictQueries(DbConnectionFactory db, BaiheClock clock, Tasks.TaskOptions? options = null)
{
    /// <summary>
    /// The whole district view (rows, area names and charts) from one load of the figures; the page should call this
    /// rather than <see cref="CompareAsync"/>, <see cref="AreasAsync"/> and <see cref="ChartsAsync"/>, each of which
    /// loads them again.
    /// </summary>
    public async Task<DistrictView> LoadAsync(DashboardScope scope, DashboardFilter filter, CancellationToken ct = default)
    {
        var f = await FiguresAsync(scope, filter, ct);
        var rows = Rows(scope, f);
        return new DistrictView(rows, f.Areas.Select(a => a.Name).ToList(), Charts(filter, f, rows))
        {
            ResponseHours = (options ?? Tasks.TaskOptions.Default).ResponseHours,
        };
    }

    /// <summary>The comparison table for a resolved scope (<see cref="DashboardScopeQueries.ResolveAsync"/>), one row per readable community.</summary>
    public async Task<IReadOnlyList<DistrictRow>> CompareAsync(DashboardScope scope, DashboardFilter filter, CancellationToken ct = default) =>
        (await LoadAsync(scope, filter, ct)).Rows;

    /// <summary>The names of the five point areas, in the order of <see cref="DistrictRow.PointsByArea"/>.</summary>
    public async Task<IReadOnlyList<string>> AreasAsync(DashboardScope scope, DashboardFilter filter, CancellationToken ct = default) =>
        (await LoadAsync(scope, filter, ct)).Areas;

    /// <summary>
    /// The district charts: rates per community, open and overdue tasks per community, tasks closed and wishes fulfilled
    /// per community, points per area stacked per community, and volunteers and 邻长 per community. Every value drills.
    /// </summary>
    public async Task<IReadOnlyList<DashboardChart>> ChartsAsync(DashboardScope scope, DashboardFilter filter, CancellationToken ct = default) =>
        (await LoadAsync(scope, filter, ct)).Charts;

    // The district view compares every readable community, whatever community the link last showed; no team is in
    // its scope, so the team figures are not read.
    private Task<DashboardFigures> FiguresAsync(DashboardScope scope, DashboardFilter filter, CancellationToken ct) =>
        DashboardFigures.LoadAsync(db, scope with { Community = null, GridId = null, Grid = null }, filter.Period, clock.Now, teams: false,
            options ?? Tasks.TaskOptions.Default, ct);

    private static List<DistrictRow> Rows(DashboardScope scope, DashboardFigures f) =>
        scope.Communities.Select(c =>
        {
            var rates = f.Rates(c.Id);
            return new DistrictRow(c.Id, c.Name, rates.Received, rates.Closed,
                DashboardMath.Percent(rates.CloseRate), DashboardMath.Percent(rates.ResponseRate), DashboardMath.Percent(rates.SolveRate),
                DashboardMath.Percent(rates.OnTimeRate),
                DashboardMath.Percent(rates.SatisfactionRate), DashboardMath.Percent(rates.VisitRate),
                f.Open(c.Id), f.Overdue(c.Id), f.Closed(c.Id), f.Fulfilled(c.Id),
                f.Areas.Select(a => f.Points(c.Id, a.Id)).ToList(),
                f.Volunteers(c.Id), f.Leads(c.Id), f.ActiveLeads(c.Id));
        }).ToList();

    private static List<DashboardChart> Charts(DashboardFilter filter, DashboardFigures f, List<DistrictRow> rows)
    {
        var names = rows.Select(r => r.Community).ToList();
        var buckets = rows.Select(r => DashboardMath.Community(r.CommunityId)).ToList();
        DashboardSeries S(string name, Func<DistrictRow, double?> value, string metric) =>
            new(name, rows.Select(value).ToList(), metric, buckets);

        return
        [
            new("district.rates", "各社区办理质量", $"{filter.Label}受理的实事：响应率、解决率、按时办结率、满意率、回访率（无受理时显示—；口径见上表下方）", ChartShape.Bar, "%", names,
            [
                S("响应率", r => r.ResponseRate, DrillMetrics.ResponseRate),
                S("解决率", r => r.SolveRate, DrillMetrics.SolveRate),
                S("按时办结率", r => r.OnTimeRate, DrillMetrics.OnTimeRate),
                S("满意率", r => r.SatisfactionRate, DrillMetrics.SatisfactionRate),
                S("回访率", r => r.VisitRate, DrillMetrics.VisitRate),
            ]),
            new("district.open", "各社区在办与超期", "当前未办结的实事，以及其中已超过办理时限的", ChartShape.Bar, "件", names,
            [
                S("在办", r => r.OpenTasks, DrillMetrics.TasksOpen),
                S("超期", r => r.OverdueTasks, DrillMetrics.TasksOverdue),
            ]),
            new("district.done", "各社区办实事与微心愿", $"{filter.Label}办结的实事和完成的微心愿", ChartShape.Bar, "件", names,
            [
                S("办结实事", r => r.TasksClosed, DrillMetrics.TasksClosed),
                S("完成微心愿", r => r.WishesFulfilled, DrillMetrics.WishesFulfilled),
            ]),
            new("district.points", "各社区积分发放（按领域）", $"{filter.Label}发放的积分，按五个服务领域堆叠", ChartShape.StackedBar, "分", names,
                f.Areas.Select((a, i) => new DashboardSeries(a.Name, rows.Select(r => (double?)r.PointsByArea[i]).ToList(), DrillMetrics.Points,
                    rows.Select(r => $"{DashboardMath.Community(r.CommunityId)};area={a.Id}").ToList())).ToList()),
            new("district.people", "各社区志愿者与邻长", $"志愿者与百合邻长人数；活跃邻长指{filter.Label}至少获得一次积分的邻长", ChartShape.Bar, "人", names,
            [
                S("志愿者", r => r.Volunteers, DrillMetrics.Volunteers),
                S("百合邻长", r => r.NeighbourLeads, DrillMetrics.NeighbourLeads),
                S("活跃邻长", r => r.ActiveNeighbourLeads, DrillMetrics.ActiveNeighbourLeads),
            ]),
        ];
    }
}
