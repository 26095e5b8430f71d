using Baihe.Data.Dashboard;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Dashboard;

/// <summary>
/// The promise of the command view: every value a chart, tile or comparison row shows opens a list that counts (or
/// sums) exactly that value, under every kind of period and with a grid chosen.
/// </summary>
public class DrillQueriesTests
{
    public static TheoryData<string> Filters => new()
    {
        "period=2026",
        "period=2026H1",
        "period=2026H2",
        "period=2026-10",
        "period=2025",
        "from=2026-03-05&to=2026-04-20",
        "from=2025-11-15&to=2026-02-10",
        "period=2026&grid",
        "from=2026-02-03&to=2026-09-17&grid",
    };

    private static async Task<(DashboardFixture Fx, DashboardFilter Filter)> SetUpAsync(TestDatabase db, string query, int? community = null)
    {
        var fx = new DashboardFixture(db);
        var values = query.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        var first = (await fx.Communities.FirstAsync())!;
        int? grid = values.ContainsKey("grid") ? (await fx.Communities.GridsAsync(first.Id))[1].Id : null;
        var filter = fx.Filter(values.GetValueOrDefault("period"), values.GetValueOrDefault("from"), values.GetValueOrDefault("to"),
            community ?? (grid is null ? null : first.Id), grid);
        return (fx, filter);
    }

    private static async Task<List<string>> MismatchesAsync(DashboardFixture fx, DashboardScope scope, DashboardFilter filter,
        IEnumerable<DashboardChart> charts, IEnumerable<DashboardTile> tiles)
    {
        var actor = DashboardFixture.Admin();
        var checks = charts.SelectMany(c => c.Series.SelectMany(s => s.Values.Select((v, i) => (Where: $"{c.Key}/{s.Name}/{s.Buckets[i]}", s.Metric, Bucket: s.Buckets[i], Value: v))))
            .Concat(tiles.Where(t => t.Metric != "").Select(t => (Where: $"tile {t.Key}", t.Metric, t.Bucket, t.Value)))
            .ToList();
        Assert.NotEmpty(checks);
        var wrong = new List<string>();
        foreach (var (where, metric, bucket, value) in checks)
        {
            if (value is null)
            {
                continue;
            }
            var list = await fx.Drill.ListAsync(actor, new DrillRequest(metric, bucket, filter), scope, new PageRequest(0, 100));
            Assert.Null(list.Refusal);
            var shown = DrillMetrics.IsTotal(metric) ? list.Total : list.Count;
            if (shown != value)
            {
                wrong.Add($"{where}: chart {value}, list {shown}");
            }
            if (!DrillMetrics.IsTotal(metric) || metric is DrillMetrics.Points or DrillMetrics.TeamPoints)
            {
                Assert.Equal(Math.Min(list.Count, 100), list.Rows.Count);
            }
        }
        return wrong;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EveryDistrictChartValue_EqualsItsDrillDown(string query)
    {
        await using var db = await TestDatabase.SeededAsync();
        var (fx, filter) = await SetUpAsync(db, query);
        var first = (await fx.Communities.FirstAsync())!;
        var scope = await fx.ScopeAsync(DashboardFixture.Official(first.SubDistrictId), filter with { CommunityId = null, GridId = null });

        var charts = await fx.District.ChartsAsync(scope, scope.Filter);

        Assert.Empty(await MismatchesAsync(fx, scope, scope.Filter, charts, []));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EveryCommunityChartAndTileValue_EqualsItsDrillDown(string query)
    {
        await using var db = await TestDatabase.SeededAsync();
        var first = (await new Baihe.Data.Communities.CommunityQueries(db.Factory, db.Clock).FirstAsync())!;
        var (fx, filter) = await SetUpAsync(db, query, first.Id);
        var scope = await fx.ScopeAsync(DashboardFixture.Secretary(first.Id), filter);

        var view = await fx.Community.LoadAsync(scope, filter);

        Assert.Empty(await MismatchesAsync(fx, scope, filter, view.Charts, view.Tiles));
    }

    [Theory]
    [InlineData("period=2026")]
    [InlineData("from=2026-03-05&to=2026-04-20")]
    public async Task EveryComparisonRow_EqualsTheDrillDownsOfItsCommunity(string query)
    {
        await using var db = await TestDatabase.SeededAsync();
        var (fx, filter) = await SetUpAsync(db, query);
        var first = (await fx.Communities.FirstAsync())!;
        var scope = await fx.ScopeAsync(DashboardFixture.Official(first.SubDistrictId), filter);
        var rows = await fx.District.CompareAsync(scope, filter);
        Assert.Equal(scope.Communities.Count, rows.Count);

        foreach (var row in rows)
        {
            async Task<DrillList> Drill(string metric, string bucket = "") =>
                await fx.Drill.ListAsync(DashboardFixture.Admin(), new DrillRequest(metric, $"community={row.CommunityId}{bucket}", filter), scope, new PageRequest(0, 10));
            Assert.Equal(row.CloseRate, (await Drill(DrillMetrics.CloseRate)).Total);
            Assert.Equal(row.OnTimeRate, (await Drill(DrillMetrics.OnTimeRate)).Total);
            Assert.Equal(row.SatisfactionRate, (await Drill(DrillMetrics.SatisfactionRate)).Total);
            Assert.Equal(row.VisitRate, (await Drill(DrillMetrics.VisitRate)).Total);
            Assert.Equal(row.Received, (await Drill(DrillMetrics.TasksReceived)).Count);
            Assert.Equal(row.OpenTasks, (await Drill(DrillMetrics.TasksOpen)).Count);
            Assert.Equal(row.OverdueTasks, (await Drill(DrillMetrics.TasksOverdue)).Count);
            Assert.Equal(row.TasksClosed, (await Drill(DrillMetrics.TasksClosed)).Count);
            Assert.Equal(row.WishesFulfilled, (await Drill(DrillMetrics.WishesFulfilled)).Count);
            Assert.Equal(row.Volunteers, (await Drill(DrillMetrics.Volunteers)).Count);
            Assert.Equal(row.NeighbourLeads, (await Drill(DrillMetrics.NeighbourLeads)).Count);
            Assert.Equal(row.ActiveNeighbourLeads, (await Drill(DrillMetrics.ActiveNeighbourLeads)).Count);
            Assert.Equal(row.PointsByArea.Sum(), (await Drill(DrillMetrics.Points)).Total);
            var description = (await Drill(DrillMetrics.CloseRate)).Description;
            Assert.Contains($"办结 {row.Closed} / 受理 {row.Received}", description);
        }
    }

    [Fact]
    public async Task TheRateDrillDown_StatesNumeratorAndDenominator_AndPagesOnTheServer()
    {
        await using var db = await TestDatabase.SeededAsync();
        var (fx, filter) = await SetUpAsync(db, "period=2026");
        var first = (await fx.Communities.FirstAsync())!;
        var scope = await fx.ScopeAsync(DashboardFixture.Secretary(first.Id), filter with { CommunityId = first.Id });

        var page0 = await fx.Drill.ListAsync(DashboardFixture.Admin(), new DrillRequest(DrillMetrics.TasksClosed, "all", filter), scope, new PageRequest(0, 20));
        var page3 = await fx.Drill.ListAsync(DashboardFixture.Admin(), new DrillRequest(DrillMetrics.TasksClosed, "all", filter), scope, new PageRequest(3, 20));

        Assert.Equal(DemoSeeder.TasksDoneThisYear, page0.Count);
        Assert.Equal(20, page0.Rows.Count);
        Assert.Equal(DemoSeeder.TasksDoneThisYear - 60, page3.Rows.Count);
        Assert.Empty(page0.Rows.Select(r => r.Url).Intersect(page3.Rows.Select(r => r.Url)));
        Assert.All(page0.Rows, r => Assert.StartsWith("tasks/", r.Url));
    }

    [Theory]
    [InlineData("nonsense", "all", DrillQueries.UnknownMetric)]
    [InlineData(DrillMetrics.TasksClosed, "month=2026-13", DrillQueries.BadBucket)]
    [InlineData(DrillMetrics.TasksClosed, "stage=Assigned", DrillQueries.BadBucket)]
    [InlineData(DrillMetrics.TasksClosed, "month=2025-10", DrillQueries.BadBucket)]
    [InlineData(DrillMetrics.TeamMembers, "all", DrillQueries.BadBucket)]
    [InlineData(DrillMetrics.TasksOpen, "stage=Closed", DrillQueries.BadBucket)]
    [InlineData(DrillMetrics.Points, "area=2;status=Claimed", DrillQueries.BadBucket)]
    public async Task AnUnknownMetricOrMalformedBucket_IsRefusedWithNoRows(string metric, string bucket, string message)
    {
        await using var db = await TestDatabase.SeededAsync();
        var (fx, filter) = await SetUpAsync(db, "period=2026");
        var first = (await fx.Communities.FirstAsync())!;
        var scope = await fx.ScopeAsync(DashboardFixture.Official(first.SubDistrictId), filter);

        var list = await fx.Drill.ListAsync(DashboardFixture.Admin(), new DrillRequest(metric, bucket, filter), scope, new PageRequest(0, 20));

        Assert.Equal(message, list.Refusal);
        Assert.Empty(list.Rows);
        Assert.Equal(0, list.Count);
    }
}
