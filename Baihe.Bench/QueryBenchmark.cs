using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Baihe.Bench.Scale;
using Baihe.Data;
using Baihe.Data.Accounts;
using Baihe.Data.Brands;
using Baihe.Data.Dashboard;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Deliberations;
using Baihe.Data.Overview;
using Baihe.Data.Summaries;
using Baihe.Data.Points;
using Baihe.Data.Tasks;
using Baihe.Data.Teams;
using Baihe.Data.Wishes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Bench;

/// <summary>
/// Whether the dashboard stays fast at a sub-district's size: every dashboard query on the scaled SQLite database (p50
/// and p95 over N runs, goal 100 ms at 1M ledger rows, each plan printed and checked for scans of large tables), and
/// the hottest single-row read (<see cref="UserQueries.StampAsync"/>, which every request and open circuit repeats to
/// revalidate its sign-in) against a hand-coded <see cref="DbDataReader"/> doing the same read.
/// </summary>
public static class QueryBenchmark
{
    public const double GoalMs = 100;
    public const double RatioGoal = 1.2;

    // Tables that stay small (reference data and one row per community/team/account): a scan of them is not a risk.
    private static readonly HashSet<string> SmallTables = new(StringComparer.OrdinalIgnoreCase)
    {
        "SubDistrict", "Community", "CommunityHonour", "Grid", "PartnerUnit", "Brand", "Team", "PointCategory", "PointRule",
        "Reward", "ChangeVersion", "AppUser", "Evaluation", "Deliberation",
    };

    private const string ExplainPrefixSqlite = "EXPLAIN QUERY PLAN ";


    private const string BusiestMemberSqlite = "SELECT MemberId FROM PointEntry WHERE MemberId BETWEEN 1 AND 2000 GROUP BY MemberId ORDER BY COUNT(*) DESC LIMIT 1;";
    private const string BusiestMemberSqlServer = "SELECT TOP (1) MemberId FROM PointEntry WHERE MemberId BETWEEN 1 AND 2000 GROUP BY MemberId ORDER BY COUNT(*) DESC;";
    private const string FirstOfSqlite = "SELECT MIN(Id) FROM ";

    /// <summary>Generates <paramref name="file"/> when it does not exist, then measures. Returns the query timings.</summary>
    public static Task<(IReadOnlyList<QueryTiming> Queries, SingleRowTiming SingleRow)> RunAsync(
        string file, int iterations, ScaleOptions generate, TextWriter output, int auditRows = 0) =>
        RunAsync(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.GetFullPath(file)}"), iterations, generate, output, auditRows: auditRows);

    /// <summary>
    /// Measures the database <paramref name="database"/> names: a SQLite file (generated when it does not exist) or a
    /// SQL Server database (migrated, and loaded with seed-scale when it is empty). On SQL Server the timings and
    /// statement times are the same, run through the query classes' SQL Server texts; the EXPLAIN QUERY PLAN check is
    /// SQLite's and is not made (the plans column says n/a).
    /// </summary>
    public static async Task<(IReadOnlyList<QueryTiming> Queries, SingleRowTiming SingleRow)> RunAsync(
        DatabaseOptions database, int iterations, ScaleOptions generate, TextWriter output, string? only = null, int auditRows = 0)
    {
        await using var services = new ServiceCollection()
            .AddBaiheData(database)
            .BuildServiceProvider();
        var factory = services.GetRequiredService<DbConnectionFactory>();
        var clock = services.GetRequiredService<BaiheClock>();
        var sqlite = factory.IsSqlite;
        var full = sqlite ? new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource : "SQL Server " + new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(factory.ConnectionString).InitialCatalog;
        if (!sqlite)
        {
            var applied = DatabaseMigrator.Migrate(factory);
            if (applied.Count > 0)
            {
                output.WriteLine($"Applied to {full}: {string.Join(", ", applied)}");
            }
            var seeder = new ScaleSeeder(factory, clock);
            if (await seeder.IsEmptyAsync())
            {
                output.WriteLine($"{full} is empty: loading the scaled set.");
                await ScaleSeedCli.GenerateAsync(seeder, generate, output);
                output.WriteLine();
            }
        }
        else if (!File.Exists(full))
        {
            output.WriteLine($"{full} does not exist: generating it.");
            DatabaseMigrator.Migrate(factory);
            await ScaleSeedCli.GenerateAsync(new ScaleSeeder(factory, clock), generate, output);
            output.WriteLine();
        }
        else
        {
            // An older file gets the newer migrations (indexes) too.
            var applied = DatabaseMigrator.Migrate(factory);
            if (applied.Count > 0)
            {
                output.WriteLine($"Applied to {full}: {string.Join(", ", applied)}");
            }
        }

        await AuditScale.EnsureAsync(factory, clock, auditRows, output);
        var counts = await ScalarsAsync(factory, "PointEntry", "Member", "ResidentTask", "MicroWish", "Community", "AuditLog");
        output.WriteLine($"Database {full}: {counts["Community"]:N0} communities, {counts["Member"]:N0} residents, {counts["PointEntry"]:N0} ledger rows, " +
            $"{counts["ResidentTask"]:N0} tasks, {counts["MicroWish"]:N0} wishes, {counts["AuditLog"]:N0} audit rows; {iterations} timed runs per query after 3 warm-ups.");

        var s = new Samples(factory, clock);
        await s.LoadAsync();
        var cases = Cases(services, s).Where(c => only is null || Regex.IsMatch(c.Name, only)).ToList();
        var results = new List<QueryTiming>();
        // One pass over everything first, so the first query measured does not pay for a cold page cache alone.
        foreach (var c in cases)
        {
            await c.Run();
        }
        foreach (var (name, type, names, run, args) in cases)
        {
            var rows = 0;
            for (var i = 0; i < 3; i++)
            {
                rows = await run();
            }
            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var sw = Stopwatch.StartNew();
                await run();
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            var backed = !sqlite || await PlansAreIndexBackedAsync(factory, type, names, s, null, args);
            results.Add(new QueryTiming(name, Percentile(times, 0.50), Percentile(times, 0.95), rows, backed));
        }

        var auditPlans = new StringWriter();
        results.AddRange(await AuditBenchmark.RunAsync(factory, services.GetRequiredService<Baihe.Data.Audit.AuditQueries>(), s.SecretaryId,
            DateOnly.FromDateTime(s.Month.From), iterations, only, auditPlans));

        output.WriteLine();
        output.WriteLine("| Query (community 1 of the scaled set) | Rows | p50 (ms) | p95 (ms) | Goal ≤ 100 ms | Plans index-backed |");
        output.WriteLine("| --- | ---: | ---: | ---: | --- | --- |");
        foreach (var r in results)
        {
            output.WriteLine($"| {r.Name} | {r.Rows:N0} | {r.P50Ms:F2} | {r.P95Ms:F2} | {(r.P95Ms <= GoalMs ? "met" : "MISSED")} | {(!sqlite ? "n/a" : r.IndexBacked ? "yes" : "NO")} |");
        }

        output.WriteLine();
        output.WriteLine("Statements behind the queries whose p95 is over 25 ms, each run alone on one connection (p50 / p95 ms):");
        foreach (var (name, type, names, _, args) in cases.Where(c => results.First(r => r.Name == c.Name).P95Ms > 25))
        {
            foreach (var (text, p50, p95) in await StatementTimesAsync(factory, type, sqlite ? names : names?.Select(ForSqlServer).ToArray(), s, iterations, args))
            {
                output.WriteLine($"- {name}: {type.Name}.{text} {p50:F2} / {p95:F2}");
            }
        }

        // The hottest read is the session check (every request, every open circuit each minute); the full account read
        // is measured beside it for comparison.
        var reads = Math.Max(1_000, iterations * 500);
        var single = await StampReadAsync(services, factory, s.SecretaryId, reads);
        var account = await SingleRowAsync(services, factory, s.SecretaryId, reads);
        output.WriteLine();
        output.WriteLine("| Single-row read, per read | Hand-coded DbDataReader, median of 50-read rounds (µs) | Query class (Dapper) (µs) | Ratio (median of paired rounds) | Goal ≤ 1.2× |");
        output.WriteLine("| --- | ---: | ---: | ---: | --- |");
        output.WriteLine($"| Session check, UserQueries.StampAsync (hottest: every request and circuit) | {single.RawP50Us:F1} | {single.OursP50Us:F1} | {single.Ratio:F2}× | {(single.Ratio <= RatioGoal ? "met" : "MISSED")} |");
        output.WriteLine($"| Whole account, UserQueries.FindByIdAsync (3 joins, 15 columns; for comparison) | {account.RawP50Us:F1} | {account.OursP50Us:F1} | {account.Ratio:F2}× | {(account.Ratio <= RatioGoal ? "met" : "missed")} |");

        if (sqlite)
        {
            output.WriteLine();
            output.WriteLine("Query plans (EXPLAIN QUERY PLAN of every SQLite text of the classes above):");
            foreach (var c in cases.DistinctBy(c => (c.Type, c.Args is null)))
            {
                await PlansAreIndexBackedAsync(factory, c.Type, null, s, output, c.Args);
            }
            output.Write(auditPlans.ToString());
        }
        SqliteConnection.ClearAllPools();
        return (results, single);
    }

    /// <summary>The SQL Server twin of a SQLite text's name (XSqlite → XSqlServer); shared texts keep their name.</summary>
    private static string ForSqlServer(string name) =>
        name.EndsWith("Sqlite", StringComparison.Ordinal) ? name[..^"Sqlite".Length] + "SqlServer" : name;

    internal static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Ids the queries are run with: community 1, its secretary, its busiest member, first rows of each kind.</summary>
    private sealed class Samples(DbConnectionFactory factory, BaiheClock clock)
    {
        public DateTime Now { get; } = clock.Now;
        public Period Year { get; } = clock.ThisYear;
        public Period Half { get; } = Period.HalfYear(clock.Today.Year, Period.HalfOf(clock.Today));
        public Period Month { get; } = new(new DateTime(clock.Today.Year, clock.Today.Month, 1).AddMonths(-1), new DateTime(clock.Today.Year, clock.Today.Month, 1));
        public int CommunityId => 1;
        public int SubDistrictId => 1;
        public int SecretaryId { get; private set; }
        public int MemberId { get; private set; }
        public int TeamId { get; private set; }
        public int GridId { get; private set; }
        public int TaskId { get; private set; }
        public int WishId { get; private set; }
        public int ActivityId { get; private set; }

        public async Task LoadAsync()
        {
            await using var conn = await factory.OpenAsync();
            async Task<int> One(string sql)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = sql;
                return Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            MemberId = await One(factory.IsSqlite ? BusiestMemberSqlite : BusiestMemberSqlServer);
            SecretaryId = await One(FirstOfSqlite + "AppUser WHERE Role = 'Secretary' AND CommunityId = 1;");
            TeamId = await One(FirstOfSqlite + "Team WHERE CommunityId = 1;");
            GridId = await One(FirstOfSqlite + "Grid WHERE CommunityId = 1;");
            TaskId = await One(FirstOfSqlite + "ResidentTask WHERE GridId = " + GridId.ToString(CultureInfo.InvariantCulture) + ";");
            WishId = await One(FirstOfSqlite + "MicroWish WHERE GridId = " + GridId.ToString(CultureInfo.InvariantCulture) + ";");
            ActivityId = await One(FirstOfSqlite + "Activity WHERE TeamId = " + TeamId.ToString(CultureInfo.InvariantCulture) + ";");
        }

        /// <summary>A plausible value for each parameter name, for EXPLAIN.</summary>
        public object? ValueOf(string name) => name switch
        {
            "CommunityId" => CommunityId,
            "MemberId" => MemberId,
            "TeamId" => TeamId,
            "GridId" => GridId,
            "TaskId" => TaskId,
            "WishId" => WishId,
            "ActivityId" => ActivityId,
            "Id" => SecretaryId,
            "From" or "YearFrom" => Year.From,
            "To" or "YearTo" => Year.To,
            "FromMonth" or "Month" => Year.FromMonth,
            "ToMonth" => Year.ToMonth,
            "Now" or "OverdueAt" => Now,
            "Skip" => 0,
            "Take" => 20,
            "Prefix" => "陈%",
            "Role" => Roles.Secretary,
            "SubDistrictId" => SubDistrictId,
            _ => null,
        };
    }

    private static List<(string Name, Type Type, string[]? Texts, Func<Task<int>> Run, IReadOnlyDictionary<string, object?>? Args)> Cases(
        IServiceProvider sp, Samples s) =>
        [.. CommunityCases(sp, s).Select(c => (c.Name, c.Type, c.Texts, c.Run, (IReadOnlyDictionary<string, object?>?)null)), .. DistrictCases(sp, s)];

    private static List<(string Name, Type Type, string[]? Texts, Func<Task<int>> Run)> CommunityCases(IServiceProvider sp, Samples s)
    {
        T Q<T>() where T : notnull => sp.GetRequiredService<T>();
        var secretary = new Actor(s.SecretaryId, "bench", Roles.Secretary, null, s.CommunityId, null);
        var official = new Actor(0, "bench", Roles.Official, 1, null, null);
        var first = new PageRequest(0, 20);
        return
        [
            ("总览 OverviewQueries.Load (this year)", typeof(OverviewQueries), null, async () => (await Q<OverviewQueries>().LoadAsync(s.CommunityId, s.Year)).PointsByArea.Count),
            ("积分排行 PointsQueries.Leaderboard (half-year)", typeof(PointsQueries), ["LeaderboardOfMonthsSql"], async () => (await Q<PointsQueries>().LeaderboardAsync(s.CommunityId, s.Half, null)).Count),
            ("积分排行 PointsQueries.Leaderboard (year, 邻里互助)", typeof(PointsQueries), ["LeaderboardOfMonthsSql"], async () => (await Q<PointsQueries>().LeaderboardAsync(s.CommunityId, s.Year, 3)).Count),
            ("积分 PointsQueries.ByTeam (this year)", typeof(PointsQueries), ["ByTeamSql"], async () => (await Q<PointsQueries>().ByTeamAsync(s.CommunityId, s.Year)).Count),
            ("居民积分 PointsQueries.Member (busiest member)", typeof(PointsQueries), ["MemberSql", "BalanceSql", "ByAreaSql", "TeamsSql", "HistorySqlite"], async () => (await Q<PointsQueries>().MemberAsync(s.MemberId, s.Year))?.History.Count ?? 0),
            ("品牌矩阵 BrandQueries.Load", typeof(BrandQueries), null, async () => (await Q<BrandQueries>().LoadAsync(s.CommunityId)).Brands.Count),
            ("社区 CommunityQueries.VisibleTo (official)", typeof(CommunityQueries), ["VisibleSql"], async () => (await Q<CommunityQueries>().VisibleToAsync(official)).Count),
            ("社区 CommunityQueries.Profile", typeof(CommunityQueries), ["VisibleSql", "HonoursSql", "GridsSql"], async () =>
                (await Q<CommunityQueries>().ProfileAsync((await Q<CommunityQueries>().ResolveAsync(s.CommunityId, secretary)).Community!)).Grids.Count),
            ("网格 GridQueries.Compare (this year)", typeof(GridQueries), ["CompareSql"], async () => (await Q<GridQueries>().CompareAsync(s.CommunityId, s.Year, s.Now)).Count),
            ("网格 GridQueries.Page", typeof(GridQueries), ["OneSql", "LeadsSql", "OpenTasksSql", "WishesSqlite"], async () => (await Q<GridQueries>().PageAsync(s.GridId, s.Year, s.Now))?.OpenTasks.Count ?? 0),
            ("队伍 TeamQueries.List", typeof(TeamQueries), ["ListSql"], async () => (await Q<TeamQueries>().ListAsync(s.CommunityId)).Count),
            ("花名册 TeamQueries.Detail", typeof(TeamQueries), ["OneSql", "RosterSql"], async () => (await Q<TeamQueries>().DetailAsync(s.TeamId))?.Roster.Count ?? 0),
            ("花名册 TeamQueries.History", typeof(TeamQueries), ["HistorySql"], async () => (await Q<TeamQueries>().HistoryAsync(s.TeamId)).Count),
            ("花名册 TeamQueries.SearchResidents (“陈”)", typeof(TeamQueries), ["SearchSqlite"], async () => (await Q<TeamQueries>().SearchResidentsAsync(s.CommunityId, "陈")).Count),
            ("民呼我应 TaskQueries.Page (all, page 1)", typeof(TaskQueries), ["PageSqlite", "CountSql"], async () => (await Q<TaskQueries>().PageAsync(s.CommunityId, null, first)).Total),
            ("民呼我应 TaskQueries.Page (已分办)", typeof(TaskQueries), ["PageSqlite", "CountSql"], async () => (await Q<TaskQueries>().PageAsync(s.CommunityId, TaskCodes.Assigned, first)).Total),
            ("民呼我应 TaskQueries.Page (overdue)", typeof(TaskQueries), ["PageSqlite", "CountSql"], async () => (await Q<TaskQueries>().PageAsync(s.CommunityId, null, first, s.Now)).Total),
            ("民呼我应 TaskWorkflowQueries.Detail", typeof(TaskWorkflowQueries), ["DetailSql", "HistorySql", "AssigneesSql"], async () => (await Q<TaskWorkflowQueries>().DetailAsync(s.TaskId))?.History.Count ?? 0),
            ("民呼我应 TaskWorkflowQueries.Rates (this year)", typeof(TaskWorkflowQueries), ["RatesSql"], async () => (await Q<TaskWorkflowQueries>().RatesAsync(s.CommunityId, s.Year)).Count),
            ("民呼我应 TaskWorkflowQueries.Overdue", typeof(TaskWorkflowQueries), ["OverdueSql"], async () => (await Q<TaskWorkflowQueries>().OverdueAsync(s.CommunityId, s.Now)).Count),
            ("微心愿 WishQueries.Page (all, page 1)", typeof(WishQueries), ["PageSqlite", "CountSql"], async () => (await Q<WishQueries>().PageAsync(s.CommunityId, null, first)).Total),
            ("微心愿 WishQueries.Page (已认领)", typeof(WishQueries), ["PageSqlite", "CountSql"], async () => (await Q<WishQueries>().PageAsync(s.CommunityId, "Claimed", first)).Total),
            ("微心愿 WishDetailQueries.Detail", typeof(WishDetailQueries), ["DetailSql", "HistorySql"], async () => (await Q<WishDetailQueries>().DetailAsync(s.WishId))?.History.Count ?? 0),
            ("活动 ActivityQueries.List", typeof(ActivityQueries), ["ListSql"], async () => (await Q<ActivityQueries>().ListAsync(s.CommunityId)).Count),
            ("活动 ActivityQueries.Detail", typeof(ActivityQueries), ["OneSql", "AttendeesSql"], async () => (await Q<ActivityQueries>().DetailAsync(s.ActivityId))?.People.Count ?? 0),
            ("积分兑换 ExchangeQueries.Rewards", typeof(ExchangeQueries), ["RewardsSql"], async () => (await Q<ExchangeQueries>().RewardsAsync(s.CommunityId)).Count),
            ("积分兑换 ExchangeQueries.Redemptions", typeof(ExchangeQueries), ["RedemptionsSqlite"], async () => (await Q<ExchangeQueries>().RedemptionsAsync(s.CommunityId)).Count),
            ("一年两评选 EvaluationQueries.List", typeof(EvaluationQueries), ["ListSql"], async () => (await Q<EvaluationQueries>().ListAsync(s.CommunityId)).Count),
            ("议事 DeliberationQueries.List", typeof(DeliberationQueries), ["ListSql"], async () => (await Q<DeliberationQueries>().ListAsync(s.CommunityId)).Count),
            ("账户 UserQueries.FindById", typeof(UserQueries), ["ByIdSql"], async () => (await Q<UserQueries>().FindByIdAsync(s.SecretaryId)) is null ? 0 : 1),
            ("会话校验 UserQueries.Stamp", typeof(UserQueries), ["StampSql"], async () => (await Q<UserQueries>().StampAsync(s.SecretaryId)) is null ? 0 : 1),
            ("实时 ChangeFeedQueries.Versions", typeof(ChangeFeedQueries), ["VersionsSql"], async () => (await Q<ChangeFeedQueries>().VersionsAsync()).Count),
        ];
    }

    /// <summary>
    /// The officials' views at district scale: 街道 1 (about 12 communities of 150) and its first community, this year and
    /// last month, through h1's dashboard classes as the pages call them, the drill-down lists, and the summary read
    /// (<see cref="PointSummaryQueries"/>) that can replace the ledger sums. Args are the parameter values the plans and
    /// statement times use, so each case is explained with the scope it runs in.
    /// </summary>
    private static List<(string Name, Type Type, string[]? Texts, Func<Task<int>> Run, IReadOnlyDictionary<string, object?>? Args)> DistrictCases(
        IServiceProvider sp, Samples s)
    {
        T Q<T>() where T : notnull => sp.GetRequiredService<T>();
        var figures = typeof(DistrictQueries).Assembly.GetType("Baihe.Data.Dashboard.DashboardFigures", throwOnError: true)!;
        var official = new Actor(0, "bench", Roles.Official, s.SubDistrictId, null, null);
        var year = new DashboardFilter(PeriodKind.Year, s.Year, s.SubDistrictId, null, null);
        var community = year with { CommunityId = s.CommunityId };
        var gridMonth = new DashboardFilter(PeriodKind.Month, s.Month, s.SubDistrictId, s.CommunityId, s.GridId);
        // A period of days with no whole month inside: its points come from the day summary alone.
        var days = new DashboardFilter(PeriodKind.Range, new Period(new DateTime(s.Year.From.Year, 3, 3), new DateTime(s.Year.From.Year, 4, 21)),
            s.SubDistrictId, null, null);
        async Task<DashboardScope> Scope(DashboardFilter f) =>
            (await Q<DashboardScopeQueries>().ResolveAsync(official, f)).Scope ?? throw new InvalidOperationException("The bench scope was refused.");
        // The summary read's parameters as PointSummaryQueries binds them: whole months, then the days before and after.
        Dictionary<string, object?> Args(int? communityId, int? gridId, Period period)
        {
            var (head, months, tail) = PointSummaryQueries.SplitByMonths(period);
            var none = new Period(period.From, period.From);
            var (m, h, t) = (months ?? none, head ?? none, tail ?? none);
            return new()
            {
                ["CommunityId"] = communityId, ["GridId"] = gridId, ["From"] = period.From, ["To"] = period.To,
                ["FromMonth"] = PointLedger.MonthKey(m.From), ["ToMonth"] = PointLedger.MonthKey(m.To),
                ["HeadFrom"] = PointLedger.DayKey(h.From), ["HeadTo"] = PointLedger.DayKey(h.To),
                ["TailFrom"] = PointLedger.DayKey(t.From), ["TailTo"] = PointLedger.DayKey(t.To),
            };
        }
        var page = new PageRequest(0, 20);
        return
        [
            ("街道 DistrictQueries.Load (街道 1, this year: rows, areas, charts)", figures, null,
                async () => (await Q<DistrictQueries>().LoadAsync(await Scope(year), year)).Rows.Count, Args(null, null, s.Year)),
            ("街道 DistrictQueries.Load (街道 1, 3 Mar – 20 Apr: no whole month)", figures, null,
                async () => (await Q<DistrictQueries>().LoadAsync(await Scope(days), days)).Rows.Count, Args(null, null, days.Period)),
            ("社区 CommunityDashboardQueries.Load (community 1, this year)", figures, null,
                async () => (await Q<CommunityDashboardQueries>().LoadAsync(await Scope(community), community)).Charts.Count, Args(s.CommunityId, null, s.Year)),
            ("社区 CommunityDashboardQueries.Load (community 1, one grid, last month)", figures, null,
                async () => (await Q<CommunityDashboardQueries>().LoadAsync(await Scope(gridMonth), gridMonth)).Charts.Count, Args(s.CommunityId, s.GridId, s.Month)),
            ("下钻 DrillQueries.List (积分, community 1, this year, page 1)", typeof(DrillQueries), ["PointTotalSql", "PointListSqlite"],
                async () => (await Q<DrillQueries>().ListAsync(official, new DrillRequest(DrillMetrics.Points, DashboardMath.Community(s.CommunityId), year),
                    await Scope(year), page)).Count, Args(s.CommunityId, null, s.Year)),
            ("下钻 DrillQueries.List (超期, 街道 1, page 1)", typeof(DrillQueries), ["OverdueCountSql", "OverdueListSqlite"],
                async () => (await Q<DrillQueries>().ListAsync(official, new DrillRequest(DrillMetrics.TasksOverdue, DrillBucket.AllText, year),
                    await Scope(year), page)).Count, Args(null, null, s.Year)),
            ("下钻 DrillQueries.List (活跃邻长, 街道 1, this year, page 1)", typeof(DrillQueries), null,
                async () => (await Q<DrillQueries>().ListAsync(official, new DrillRequest(DrillMetrics.ActiveNeighbourLeads, DrillBucket.AllText, year),
                    await Scope(year), page)).Count, Args(null, null, s.Year)),
            ("汇总 PointSummaryQueries.Points (街道 1, this year)", typeof(PointSummaryQueries), ["PointsSql"],
                async () => (await Q<PointSummaryQueries>().PointsAsync(s.SubDistrictId, null, null, s.Year)).Count, Args(null, null, s.Year)),
            ("汇总 PointSummaryQueries.Points (community 1, this year)", typeof(PointSummaryQueries), ["PointsSql"],
                async () => (await Q<PointSummaryQueries>().PointsAsync(s.SubDistrictId, s.CommunityId, null, s.Year)).Count, Args(s.CommunityId, null, s.Year)),
            ("汇总 PointSummaryQueries.Points (街道 1, 3 Mar – 20 Apr: days only)", typeof(PointSummaryQueries), ["PointsSql"],
                async () => (await Q<PointSummaryQueries>().PointsAsync(s.SubDistrictId, null, null, days.Period)).Count, Args(null, null, days.Period)),
        ];
    }

    private static readonly Regex Parameter = new(@"@(\w+)", RegexOptions.Compiled);
    private static readonly Regex TableAlias = new(@"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(?!ON\b|WHERE\b|JOIN\b|LEFT\b|INNER\b|GROUP\b|ORDER\b|CROSS\b)(\w+))?", RegexOptions.Compiled | RegexOptions.IgnoreCase);
    private static readonly Regex ScanStep = new(@"^SCAN (\w+)", RegexOptions.Compiled);

    /// <summary>
    /// EXPLAINs the SQLite texts (<c>*Sql</c>, <c>*Sqlite</c>) of a query class, those named or all; false when a step scans a large table
    /// (a full scan, or a scan of a whole index). Prints the plans when <paramref name="output"/> is given.
    /// </summary>
    private static async Task<bool> PlansAreIndexBackedAsync(DbConnectionFactory factory, Type type, string[]? names, Samples s, TextWriter? output,
        IReadOnlyDictionary<string, object?>? args = null)
    {
        var texts = TextsOf(type, names);
        var ok = true;
        await using var conn = await factory.OpenAsync();
        foreach (var (name, sql) in texts)
        {
            var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match m in TableAlias.Matches(sql))
            {
                aliases[m.Groups[2].Success ? m.Groups[2].Value : m.Groups[1].Value] = m.Groups[1].Value;
                aliases[m.Groups[1].Value] = m.Groups[1].Value;
            }
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = ExplainPrefixSqlite + sql;
            Bind(cmd, sql, s, args);
            var lines = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(3));
                }
            }
            var bad = lines.Where(l => ScanStep.Match(l) is { Success: true } m
                && aliases.TryGetValue(m.Groups[1].Value, out var table) && !SmallTables.Contains(table)).ToList();
            ok &= bad.Count == 0;
            if (output is not null)
            {
                output.WriteLine($"- {type.Name}.{name}{(args is null ? "" : " (" + string.Join(", ", args.Select(a => $"{a.Key}={a.Value ?? "null"}")) + ")")}{(bad.Count > 0 ? "  ← scans a large table" : "")}");
                foreach (var l in lines)
                {
                    output.WriteLine($"    {l}");
                }
            }
        }
        return ok;
    }

    private static List<(string Name, string Sql)> TextsOf(Type type, string[]? names, bool sqlite = true) =>
        type.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)
                && (f.Name.EndsWith(sqlite ? "Sqlite" : "SqlServer", StringComparison.Ordinal) || f.Name.EndsWith("Sql", StringComparison.Ordinal))
                && (names is null || names.Contains(f.Name)))
            .Select(f => (f.Name, Sql: (string)f.GetRawConstantValue()!))
            .ToList();

    private static void Bind(DbCommand cmd, string sql, Samples s, IReadOnlyDictionary<string, object?>? args = null)
    {
        foreach (var p in Parameter.Matches(sql).Select(m => m.Groups[1].Value).Distinct())
        {
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = "@" + p;
            parameter.Value = (args is not null && args.TryGetValue(p, out var given) ? given : s.ValueOf(p)) ?? DBNull.Value;
            cmd.Parameters.Add(parameter);
        }
    }

    /// <summary>Times each SQL text of a query alone, read to the end with a plain reader, to find which one dominates.</summary>
    private static async Task<List<(string Name, double P50, double P95)>> StatementTimesAsync(DbConnectionFactory factory, Type type, string[]? names, Samples s, int iterations,
        IReadOnlyDictionary<string, object?>? args = null)
    {
        var result = new List<(string, double, double)>();
        await using var conn = await factory.OpenAsync();
        foreach (var (name, sql) in TextsOf(type, names, factory.IsSqlite))
        {
            var times = new double[iterations];
            for (var i = -3; i < iterations; i++)
            {
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = sql;
                Bind(cmd, sql, s, args);
                var sw = Stopwatch.StartNew();
                await using (var reader = await cmd.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                    }
                }
                if (i >= 0)
                {
                    times[i] = sw.Elapsed.TotalMilliseconds;
                }
            }
            Array.Sort(times);
            result.Add((name, Percentile(times, 0.5), Percentile(times, 0.95)));
        }
        return result;
    }

    private static async Task<Dictionary<string, long>> ScalarsAsync(DbConnectionFactory factory, params string[] tables)
    {
        var result = new Dictionary<string, long>();
        await using var conn = await factory.OpenAsync();
        foreach (var t in tables)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = CountOfSqlite + t + ";";
            result[t] = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        return result;
    }

    private const string CountOfSqlite = "SELECT COUNT(*) FROM ";

    /// <summary>
    /// The session check every request and circuit repeats (<see cref="UserQueries.StampAsync"/>), through the query
    /// class and through a hand-coded reader of the same SQL text.
    /// </summary>
    private static Task<SingleRowTiming> StampReadAsync(IServiceProvider sp, DbConnectionFactory factory, int userId, int reads)
    {
        var users = sp.GetRequiredService<UserQueries>();
        Task<string> Raw() => ReadByIdAsync(factory, UserQueries.StampSql, userId,
            r => new UserStamp { IsDisabled = r.GetBoolean(0), SecurityStamp = r.GetString(1) }.SecurityStamp);
        async Task<string> Ours() => (await users.StampAsync(userId))!.SecurityStamp;
        return PairedAsync("AppUser stamp by id", Raw, Ours, reads);
    }

    /// <summary>The whole account with its scope name (3 joins, 20 columns), read both ways.</summary>
    private static Task<SingleRowTiming> SingleRowAsync(IServiceProvider sp, DbConnectionFactory factory, int userId, int reads)
    {
        var users = sp.GetRequiredService<UserQueries>();
        Task<string> Raw() => ReadByIdAsync(factory, UserQueries.ByIdSql, userId, r => new UserRow
        {
            Id = r.GetInt32(0), UserName = r.GetString(1), DisplayName = r.GetString(2), PasswordHash = r.GetString(3), Role = r.GetString(4),
            SubDistrictId = r.IsDBNull(5) ? null : r.GetInt32(5), CommunityId = r.IsDBNull(6) ? null : r.GetInt32(6),
            TeamId = r.IsDBNull(7) ? null : r.GetInt32(7), Scope = r.IsDBNull(8) ? null : r.GetString(8),
            IsDisabled = r.GetBoolean(9), IsDemo = r.GetBoolean(10), FailedSignIns = r.GetInt32(11),
            LockedUntil = r.IsDBNull(12) ? null : r.GetDateTime(12), SecurityStamp = r.GetString(13), RowVersion = r.GetInt64(14),
            LastSignInAt = r.IsDBNull(15) ? null : r.GetDateTime(15), LastSignInIp = r.IsDBNull(16) ? null : r.GetString(16),
            MustChangePassword = r.GetBoolean(17), Email = r.IsDBNull(18) ? null : r.GetString(18), EmailNotifications = r.GetBoolean(19),
        }.UserName);
        async Task<string> Ours() => (await users.FindByIdAsync(userId))!.UserName;
        return PairedAsync("AppUser by id", Raw, Ours, reads);
    }

    /// <summary>The hand-coded side: one pooled connection, one command, typed getters; "" when there is no row.</summary>
    private static async Task<string> ReadByIdAsync(DbConnectionFactory factory, string sql, int id, Func<System.Data.Common.DbDataReader, string> map)
    {
        await using var conn = await factory.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var p = cmd.CreateParameter();
        p.ParameterName = "@Id";
        p.Value = id;
        cmd.Parameters.Add(p);
        await using var r = await cmd.ExecuteReaderAsync();
        return await r.ReadAsync() ? map(r) : "";
    }

    /// <summary>
    /// The same row read both ways, interleaved in rounds so that noise from other processes hits both alike. Each read
    /// opens its own pooled connection, as the query class does.
    /// </summary>
    private static async Task<SingleRowTiming> PairedAsync(string name, Func<Task<string>> Raw, Func<Task<string>> Ours, int reads)
    {
        if (await Raw() != await Ours())
        {
            throw new InvalidOperationException("The two reads disagree.");
        }
        for (var i = 0; i < reads / 10; i++)
        {
            await Raw();
            await Ours();
        }
        // Paired rounds, alternating which read goes first (ABBA), so a burst of load from other processes lands on both;
        // the ratio is the median of the per-round ratios.
        var raw = new List<double>();
        var ours = new List<double>();
        var ratios = new List<double>();
        const int round = 50;
        for (var done = 0; done < reads; done += round)
        {
            var oursFirst = done / round % 2 == 1;
            double r = 0, o = 0;
            for (var pass = 0; pass < 2; pass++)
            {
                var runOurs = pass == 0 == oursFirst;
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < round; i++)
                {
                    if (runOurs)
                    {
                        await Ours();
                    }
                    else
                    {
                        await Raw();
                    }
                }
                var perRead = sw.Elapsed.TotalMicroseconds / round;
                if (runOurs)
                {
                    o = perRead;
                }
                else
                {
                    r = perRead;
                }
            }
            raw.Add(r);
            ours.Add(o);
            ratios.Add(o / r);
        }
        return new SingleRowTiming(name, Percentile(ours.Order().ToArray(), 0.5), Percentile(raw.Order().ToArray(), 0.5),
            ours.Average(), raw.Average(), Percentile(ratios.Order().ToArray(), 0.5));
    }
}
