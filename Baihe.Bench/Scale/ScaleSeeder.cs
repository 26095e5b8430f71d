using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Baihe.Data.Database;
using Baihe.Data.Summaries;
using Microsoft.Data.SqlClient;

namespace Baihe.Bench.Scale;

/// <summary>
/// Generates a sub-district-sized data set for the benchmarks, so query times and plans are measured at the size the
/// dashboard must serve: many communities spread over 金平区's 街道 (about a dozen each, 金东街道 first), each with grids, the twelve teams and their rosters,
/// residents, a ledger of services, events, task and wish credits, corrections and redemptions, 民呼我应 tasks at
/// every stage with a workflow-consistent history, and 微心愿 in every status. Everything respects the schema's
/// constraints (foreign keys, checks, unique keys, the append-only ledger), so the data could have been entered
/// through the app; redemptions never exceed the balance earned before them. A fixed seed makes it deterministic for
/// the same day. Ids are explicit, so the database must be empty. SQLite: one transaction, prepared commands whose
/// parameters are rebound per row, journal and sync relaxed for the load. SQL Server: the same rows generated in memory,
/// then bulk-copied table by table in foreign-key order.
/// </summary>
public sealed class ScaleSeeder(DbConnectionFactory db, BaiheClock clock)
{
    private const int Seed = 20261126;

    private const string AnyCommunitySql = "SELECT COUNT(*) FROM Community;";

    // The load runs in one transaction; a rollback journal in memory and no fsync until the end are safe for a
    // database that was empty before, and they halve the writes. The cache holds the ledger's indexes.
    private const string LoadPragmasSqlite = "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";
    private const string RestorePragmasSqlite = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
    private const string AnalyzeSqlite = "ANALYZE;";

    private const string InsertSubDistrictSqlite = "INSERT INTO SubDistrict (Id, Name, District, City) VALUES (@Id, @Name, @District, @City);";
    private const string InsertCommunitySqlite = "INSERT INTO Community (Id, SubDistrictId, Name, Description) VALUES (@Id, @SubDistrictId, @Name, @Description);";
    private const string InsertHonourSqlite = "INSERT INTO CommunityHonour (CommunityId, Title, SortOrder) VALUES (@CommunityId, @Title, @SortOrder);";
    private const string InsertGridSqlite = "INSERT INTO Grid (Id, CommunityId, Name, SortOrder) VALUES (@Id, @CommunityId, @Name, @SortOrder);";
    private const string InsertPartnerSqlite = "INSERT INTO PartnerUnit (Id, CommunityId, Name) VALUES (@Id, @CommunityId, @Name);";
    private const string InsertBrandSqlite = "INSERT INTO Brand (Id, ParentBrandId, Name, Description, SortOrder) VALUES (@Id, @ParentBrandId, @Name, @Description, @SortOrder);";
    private const string InsertTeamSqlite = """
        INSERT INTO Team (Id, CommunityId, BrandId, Name, Kind, Description, IsSample, SortOrder)
        VALUES (@Id, @CommunityId, @BrandId, @Name, @Kind, @Description, @IsSample, @SortOrder);
        """;
    private const string InsertUserSqlite = """
        INSERT INTO AppUser (Id, UserName, DisplayName, PasswordHash, Role, SubDistrictId, CommunityId, TeamId, IsDemo, SecurityStamp, CreatedAt)
        VALUES (@Id, @UserName, @DisplayName, @PasswordHash, @Role, @SubDistrictId, @CommunityId, @TeamId, 0, @SecurityStamp, @CreatedAt);
        """;
    private const string InsertMemberSqlite = """
        INSERT INTO Member (Id, GridId, Name, Phone, IsPartyMember, IsRetiredSoe, IsNeighbourLead, Skill, IsSample, CreatedAt)
        VALUES (@Id, @GridId, @Name, @Phone, @IsPartyMember, @IsRetiredSoe, @IsNeighbourLead, @Skill, 1, @CreatedAt);
        """;
    private const string InsertMembershipSqlite = """
        INSERT INTO Membership (TeamId, MemberId, Role, JoinedOn, LeftOn, LeaveReason)
        VALUES (@TeamId, @MemberId, @Role, @JoinedOn, @LeftOn, @LeaveReason);
        """;
    private const string InsertActivitySqlite = """
        INSERT INTO Activity (Id, TeamId, CategoryId, Title, Place, HeldOn, PointsPerAttendee, Status, ClosedAt, ClosedByUserId)
        VALUES (@Id, @TeamId, @CategoryId, @Title, @Place, @HeldOn, @PointsPerAttendee, @Status, @ClosedAt, @ClosedByUserId);
        """;
    private const string InsertAttendanceSqlite = "INSERT INTO Attendance (ActivityId, MemberId, IsWalkIn) VALUES (@ActivityId, @MemberId, @IsWalkIn);";
    private const string InsertRewardSqlite = "INSERT INTO Reward (Id, CommunityId, Name, PointCost, IsActive, Description) VALUES (@Id, @CommunityId, @Name, @PointCost, 1, @Description);";
    private const string InsertRedemptionSqlite = """
        INSERT INTO Redemption (Id, MemberId, RewardId, Points, IdempotencyKey, Status, RequestedAt, FulfilledAt, RecordedByUserId)
        VALUES (@Id, @MemberId, @RewardId, @Points, @IdempotencyKey, @Status, @RequestedAt, @FulfilledAt, @RecordedByUserId);
        """;
    private const string InsertEntrySqlite = """
        INSERT INTO PointEntry (Id, MemberId, CategoryId, Points, OccurredOn, Source, RuleId, ActivityId, TaskId, WishId, RedemptionId,
                                ReversesEntryId, RecordedByUserId, RecordedAt, Note)
        VALUES (@Id, @MemberId, @CategoryId, @Points, @OccurredOn, @Source, @RuleId, @ActivityId, @TaskId, @WishId, @RedemptionId,
                @ReversesEntryId, @RecordedByUserId, @RecordedAt, @Note);
        """;
    private const string InsertDeliberationSqlite = """
        INSERT INTO Deliberation (Id, CommunityId, HeldOn, Topic, NeedsRaised, Decisions)
        VALUES (@Id, @CommunityId, @HeldOn, @Topic, @NeedsRaised, @Decisions);
        """;
    private const string InsertDeliberationAttendeeSqlite = "INSERT INTO DeliberationAttendee (DeliberationId, MemberId) VALUES (@DeliberationId, @MemberId);";
    private const string InsertTaskSqlite = """
        INSERT INTO ResidentTask (Id, GridId, ResidentId, Title, Description, Category, Source, Urgency, Stage, AssignedTeamId,
                                  DeliberationId, CollectedAt, DueAt, ClosedAt, Resolution, Satisfaction, CreatedByUserId)
        VALUES (@Id, @GridId, @ResidentId, @Title, @Description, @Category, @Source, @Urgency, @Stage, @AssignedTeamId,
                @DeliberationId, @CollectedAt, @DueAt, @ClosedAt, @Resolution, @Satisfaction, @CreatedByUserId);
        """;
    private const string InsertTaskAssigneeSqlite = "INSERT INTO TaskAssignee (TaskId, MemberId) VALUES (@TaskId, @MemberId);";
    private const string InsertTaskHistorySqlite = """
        INSERT INTO TaskStageHistory (TaskId, FromStage, ToStage, ChangedAt, ChangedByUserId, Note)
        VALUES (@TaskId, @FromStage, @ToStage, @ChangedAt, @ChangedByUserId, @Note);
        """;
    private const string InsertWishSqlite = """
        INSERT INTO MicroWish (Id, GridId, WisherName, WisherKind, Content, EstimatedValue, Status, PublishedAt, ClaimedAt, ClaimantKind,
                               ClaimedByMemberId, ClaimedByTeamId, ClaimedByPartnerId, FulfilledAt, FulfilmentNote, CreatedByUserId)
        VALUES (@Id, @GridId, @WisherName, @WisherKind, @Content, @EstimatedValue, @Status, @PublishedAt, @ClaimedAt, @ClaimantKind,
                @ClaimedByMemberId, @ClaimedByTeamId, @ClaimedByPartnerId, @FulfilledAt, @FulfilmentNote, @CreatedByUserId);
        """;
    private const string InsertWishHistorySqlite = """
        INSERT INTO WishStatusHistory (WishId, FromStatus, ToStatus, ChangedAt, ChangedByUserId, Note)
        VALUES (@WishId, @FromStatus, @ToStatus, @ChangedAt, @ChangedByUserId, @Note);
        """;

    private static readonly string[] CommunityNames =
    [
        "百合园社区", "金砂社区", "东厦社区", "金陵社区", "中山社区", "金湖社区", "广厦社区", "嘉泰社区", "华坞社区", "金新社区",
        "月眉社区", "新乡社区", "鮀莲社区", "金华社区", "丹霞社区", "光华社区", "福平社区", "长厦社区", "龙眼社区", "迎宾社区",
    ];

    /// <summary>金平区's 街道, 金东 first (the article's); a district-sized set spreads its communities over them.</summary>
    private static readonly string[] SubDistrictNames =
    [
        "金东街道", "石炮台街道", "金砂街道", "东方街道", "大华街道", "同益街道", "光华街道", "东墩街道", "月浦街道", "岐山街道",
        "鮀江街道", "鮀莲街道",
    ];

    /// <summary>About a dozen communities per 街道, at most the district's twelve: 30 communities make 3, 150 make 12.</summary>
    public static int SubDistrictCount(int communities) => Math.Clamp((communities + 11) / 12, 1, SubDistrictNames.Length);

    /// <summary>The 街道 (1-based) community <paramref name="community"/> belongs to: consecutive ids, evenly spread.</summary>
    public static int SubDistrictOf(int community, int communities) =>
        1 + (int)((community - 1L) * SubDistrictCount(communities) / communities);

    private static readonly string[] Skills = ["水电维修", "楼栋联络", "调解纠纷", "文明劝导", "消防安全", "垃圾分类", "家电维修", "邻里探访", "治安巡逻", "长者陪伴"];

    private static readonly (string Name, int Brand, string Kind)[] Teams =
    [
        ("金姐姐", 3, "VolunteerService"), ("银辉先锋", 3, "VolunteerService"), ("“百·和”调解队", 2, "VolunteerService"),
        ("新火先锋队", 2, "VolunteerService"), ("气排球队", 5, "InterestGroup"), ("潮乐队", 5, "InterestGroup"),
        ("书法队", 5, "InterestGroup"), ("唐诗宋词队", 5, "InterestGroup"), ("潮韵（潮剧）队", 5, "InterestGroup"),
        ("琵琶队", 5, "InterestGroup"), ("合唱队", 5, "InterestGroup"), ("太极队", 5, "InterestGroup"),
    ];

    private static readonly (string Content, int Value)[] WishTemplates =
    [
        ("一副老花镜", 60), ("一台收音机", 120), ("新书包和文具", 150), ("一双保暖棉鞋", 100), ("助行拐杖", 80),
        ("课外读物一套", 90), ("电饭锅", 200), ("冬季棉被", 180), ("电子血压计", 160), ("护眼台灯", 120),
    ];

    private static readonly (string Title, string Place)[] Events =
    [
        ("老幼共读红色经典", "银辉驿站"), ("亲子诵读红色经典", "社区党群服务中心"), ("银辉护苗·曙光义教辅导", "社区四点半课堂"),
        ("入户慰问困境儿童", "辖区困境儿童家庭"), ("法律明白人调解培训", "社区调解室"), ("骑手交通安全宣讲", "职工服务驿站"),
        ("长者饭堂助餐配送", "长者饭堂"), ("消防安全隐患排查", "各网格楼栋"), ("酷暑送清凉·公益凉茶棚", "公益凉茶棚"), ("寒冬煮姜茶", "社区广场"),
    ];

    private static readonly (string Name, int Cost)[] Rewards = [("理发", 5), ("补鞋", 3), ("修锁", 4), ("家政", 10)];

    private static readonly string[] TaskSources = ["GridVisit", "Snapshot", "Hotline", "WalkIn", "Deliberation"];
    private static readonly string[] Urgencies = ["Urgent", "High", "Normal"];
    private static readonly string[] Stages = ["Collected", "Identified", "Assigned", "Resolved", "Closed"];
    private static readonly string[] WishPath = ["Published", "Claimed", "Fulfilled", "Visited"];

    /// <summary>True when the database has no community, so a scaled set may be loaded into it.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = AnyCommunitySql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0;
    }

    /// <summary>
    /// Loads the data set into the (migrated, empty) database and returns each table's row count and insert time.
    /// <paramref name="passwordHash"/> is stored for every generated account (the caller hashes an unknown password, so
    /// nobody can sign in with them until an admin resets one). SQLite gets prepared INSERTs in one transaction; SQL
    /// Server gets the same rows through <see cref="SqlBulkCopy"/>, one transaction per table.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database already has a community.</exception>
    public async Task<IReadOnlyList<TableLoad>> SeedAsync(ScaleOptions options, string passwordHash, CancellationToken ct = default)
    {
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }
        if (!await IsEmptyAsync(ct))
        {
            throw new InvalidOperationException("The database already has data; the scaled set goes only into an empty database.");
        }
        return db.IsSqlite ? await SeedSqliteAsync(options, passwordHash, ct) : await SeedSqlServerAsync(options, passwordHash, ct);
    }

    /// <summary>
    /// The data set as rows in memory, table by table in an order that satisfies every foreign key (the ledger last, as
    /// it points at tasks, wishes, activities and redemptions): exactly the rows <see cref="SeedAsync"/> writes for the
    /// same day, whichever engine it writes to.
    /// </summary>
    public IReadOnlyList<ScaleTable> Generate(ScaleOptions options, string passwordHash, CancellationToken ct = default)
    {
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }
        var tables = new List<ScaleTable>();
        var run = new Run((table, sql) =>
        {
            var target = tables.FirstOrDefault(t => t.Name == table);
            if (target is null)
            {
                target = ScaleTable.FromInsert(table, sql);
                tables.Add(target);
            }
            return new BufferBulk(target);
        }, options, clock.Now, passwordHash);
        run.All(null, ct);
        // Tables are opened in foreign-key order, except the ledger, which is opened first and filled last.
        return tables.OrderBy(t => t.Name == LedgerTable).ToList();
    }

    private const string LedgerTable = "PointEntry";

    private async Task<IReadOnlyList<TableLoad>> SeedSqliteAsync(ScaleOptions options, string passwordHash, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        await Pragmas(conn, LoadPragmasSqlite, ct);
        Run run;
        // The ledger goes in row by row without PointLedger, so its summaries (grid × day and month × area) are computed from it
        // once, in the same transaction, as migrations 0011 and 0014 do for an existing ledger.
        Stopwatch summary;
        int summaryRows;
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            run = new Run((table, sql) => SqliteBulk.Create(conn, tx, table, sql), options, clock.Now, passwordHash);
            run.All(tx, ct);
            summary = Stopwatch.StartNew();
            summaryRows = await PointSummaryRebuild.RunAsync(conn, tx, ct);
            summary.Stop();
            await tx.CommitAsync(ct);
        }
        var analyze = Stopwatch.StartNew();
        await Pragmas(conn, AnalyzeSqlite, ct);
        await Pragmas(conn, RestorePragmasSqlite, ct);
        var loads = run.Loads();
        loads.Add(new TableLoad("PointDaySummary, PointSummary and PointMemberSummary (from the ledger)", summaryRows, summary.Elapsed));
        loads.Add(new TableLoad("(ANALYZE)", 0, analyze.Elapsed));
        return loads;
    }

    // Bulk copy checks CHECK and FOREIGN KEY constraints only when asked, and leaves them untrusted otherwise, which
    // the optimizer then ignores: ask, so the loaded set is as trustworthy as one entered through the app. Ids are
    // kept because the rows point at each other by them. The table lock is fine for an empty database nobody uses yet.
    private const SqlBulkCopyOptions CopyOptions =
        SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.TableLock;

    private const int CopyBatch = 10_000;
    private const int ChunkRows = 50_000;

    // The SQL Server counterpart of ANALYZE: fresh statistics, so the measured plans are the ones a loaded server picks.
    private const string UpdateStatisticsSqlServer = "EXEC sp_updatestats;";

    private async Task<IReadOnlyList<TableLoad>> SeedSqlServerAsync(ScaleOptions options, string passwordHash, CancellationToken ct)
    {
        var generate = Stopwatch.StartNew();
        var tables = Generate(options, passwordHash, ct);
        generate.Stop();
        var loads = new List<TableLoad>();
        await using var conn = (SqlConnection)await db.OpenAsync(ct);
        foreach (var table in tables)
        {
            var time = Stopwatch.StartNew();
            await using (var tx = (SqlTransaction)await conn.BeginTransactionAsync(ct))
            {
                using var copy = new SqlBulkCopy(conn, CopyOptions, tx)
                {
                    DestinationTableName = $"dbo.[{table.Name}]",
                    BatchSize = CopyBatch,
                    BulkCopyTimeout = 0,
                };
                foreach (var column in table.Columns)
                {
                    copy.ColumnMappings.Add(column, column);
                }
                for (var from = 0; from < table.Rows.Count; from += ChunkRows)
                {
                    using var chunk = table.ToDataTable(from, ChunkRows);
                    await copy.WriteToServerAsync(chunk, ct);
                }
                await tx.CommitAsync(ct);
            }
            loads.Add(new TableLoad(table.Name, table.Rows.Count, time.Elapsed));
        }
        var summary = Stopwatch.StartNew();
        int summaryRows;
        await using (var tx = (SqlTransaction)await conn.BeginTransactionAsync(ct))
        {
            summaryRows = await PointSummaryRebuild.RunAsync(conn, tx, ct);
            await tx.CommitAsync(ct);
        }
        loads.Add(new TableLoad("PointDaySummary, PointSummary and PointMemberSummary (from the ledger)", summaryRows, summary.Elapsed));
        var statistics = Stopwatch.StartNew();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = UpdateStatisticsSqlServer;
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        loads.Add(new TableLoad("(generated in memory)", 0, generate.Elapsed));
        loads.Add(new TableLoad("(sp_updatestats)", 0, statistics.Elapsed));
        return loads;
    }

    private static async Task Pragmas(DbConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Where one table's generated rows go, timing itself: a prepared INSERT per row (<see cref="SqliteBulk"/>) or a
    /// buffer that SQL Server's bulk copy sends later (<see cref="BufferBulk"/>). The generator is the same for both,
    /// so both engines get the same rows.
    /// </summary>
    private abstract class Bulk(string table) : IDisposable
    {
        protected Stopwatch Watch { get; } = new();

        public string Table { get; } = table;

        public long Rows { get; protected set; }

        public TimeSpan Time => Watch.Elapsed;

        /// <summary>One row; values in the order the parameters first appear in the INSERT text.</summary>
        public abstract void Row(params object?[] values);

        public virtual void Dispose()
        {
        }
    }

    /// <summary>A prepared INSERT whose parameters are rebound for every row.</summary>
    private sealed class SqliteBulk(string table, DbCommand command, DbParameter[] parameters) : Bulk(table)
    {
        public static SqliteBulk Create(DbConnection conn, DbTransaction tx, string table, string sql)
        {
            var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            var names = ScaleTable.ParametersOf(sql);
            var ps = new DbParameter[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                ps[i] = cmd.CreateParameter();
                ps[i].ParameterName = names[i];
                ps[i].Value = DBNull.Value;
                cmd.Parameters.Add(ps[i]);
            }
            cmd.Prepare();
            return new SqliteBulk(table, cmd, ps);
        }

        public override void Row(params object?[] values)
        {
            Watch.Start();
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
            Watch.Stop();
            Rows++;
        }

        public override void Dispose() => command.Dispose();
    }

    /// <summary>Keeps the rows in memory, in the table's column order, for a bulk copy.</summary>
    private sealed class BufferBulk(ScaleTable target) : Bulk(target.Name)
    {
        public override void Row(params object?[] values)
        {
            target.Add(values);
            Rows++;
        }
    }

    private sealed record CommunityPlan(int Id, int FirstMember, int Members, int[] Grids, int[] Teams, int[] Partners,
        int[] Rewards, int[] Deliberations, int Secretary, int[] Leads, List<int>[] Rosters);

    /// <summary>One generation run; ids are assigned here, so no row needs reading back.</summary>
    private sealed class Run(Func<string, string, Bulk> open, ScaleOptions o, DateTime now, string passwordHash)
    {
        private readonly Random _rnd = new(Seed);
        private readonly DateTime _start = new(now.Year - 1, 1, 1);
        private readonly List<Bulk> _bulks = [];
        private readonly List<CommunityPlan> _communities = [];
        private int[] _gridOfMember = [];
        private int[] _communityOfMember = [];
        private long[] _balanceBeforeCutoff = [];
        private DateTime _cutoff;
        private long _ledgerLeft;
        private int _entryId;
        private Bulk _entries = null!;

        public List<TableLoad> Loads() =>
            _bulks.GroupBy(b => b.Table).Select(g => new TableLoad(g.Key, g.Sum(b => b.Rows), TimeSpan.FromTicks(g.Sum(b => b.Time.Ticks)))).ToList();

        // The transaction is the SQLite path's (captured by its open); the buffering path has none.
        private Bulk Open(DbTransaction? tx, string table, string sql)
        {
            _ = tx;
            var bulk = open(table, sql);
            _bulks.Add(bulk);
            return bulk;
        }

        private T Pick<T>(IReadOnlyList<T> items) => items[_rnd.Next(items.Count)];

        private DateTime RandomMoment(DateTime from, DateTime to) =>
            Second(from + TimeSpan.FromTicks((long)((to - from).Ticks * _rnd.NextDouble())));

        private static DateTime Second(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond);

        public void All(DbTransaction? tx, CancellationToken ct)
        {
            _cutoff = now.Date.AddDays(-60);
            _ledgerLeft = o.Ledger;
            _entries = Open(tx, "PointEntry", InsertEntrySqlite);
            Places(tx);
            ct.ThrowIfCancellationRequested();
            People(tx);
            ct.ThrowIfCancellationRequested();
            Activities(tx);
            ct.ThrowIfCancellationRequested();
            Tasks(tx);
            ct.ThrowIfCancellationRequested();
            Wishes(tx);
            ct.ThrowIfCancellationRequested();
            var redemptions = (int)Math.Min(_ledgerLeft / 2, o.Ledger / 100);
            Services(tx, _ledgerLeft - redemptions);
            ct.ThrowIfCancellationRequested();
            Redemptions(tx, redemptions);
            // Whatever the balances could not pay for is made up with recent services, so the ledger has the size asked for.
            Services(tx, _ledgerLeft, recentOnly: true);
            FlushEntries();
            foreach (var b in _bulks)
            {
                b.Dispose();
            }
        }

        private void Places(DbTransaction? tx)
        {
            var subDistricts = Open(tx, "SubDistrict", InsertSubDistrictSqlite);
            var streets = SubDistrictCount(o.Communities);
            for (var s = 1; s <= streets; s++)
            {
                subDistricts.Row(s, SubDistrictNames[s - 1], "金平区", "汕头市");
            }
            var brands = Open(tx, "Brand", InsertBrandSqlite);
            brands.Row(1, null, "百合“共治圈”", "社区党建品牌矩阵：以高质量党建凝聚多元化资源，以队伍建设助推社区治理。", 0);
            brands.Row(2, 1, "“百”方力量“合”成服务先锋", "机关企事业单位下沉党员、校社青年团员、共建单位及社会志愿者全部编入网格。", 1);
            brands.Row(3, 1, "银辉耀百合", "依托银辉驿站发挥国企退休党员作用：银发人才库、百合讲师团、银辉护苗行动。", 2);
            brands.Row(4, 1, "百合邻长", "居民担任“百合邻长”，以需求付行动，以行动计积分，以积分兑奖励。", 3);
            brands.Row(5, 1, "党群连心 服务为民", "社区党总支部工作机制：推动组建老年人兴趣队伍和居民志愿服务队伍。", 4);

            var communities = Open(tx, "Community", InsertCommunitySqlite);
            var honours = Open(tx, "CommunityHonour", InsertHonourSqlite);
            var grids = Open(tx, "Grid", InsertGridSqlite);
            var partners = Open(tx, "PartnerUnit", InsertPartnerSqlite);
            var teams = Open(tx, "Team", InsertTeamSqlite);
            var rewards = Open(tx, "Reward", InsertRewardSqlite);
            var users = Open(tx, "AppUser", InsertUserSqlite);
            int gridId = 0, teamId = 0, partnerId = 0, rewardId = 0, userId = 0;
            users.Row(++userId, "admin", "系统管理员", passwordHash, "Admin", null, null, null, StampOf(userId), now);
            // One read-only official per 街道; the first keeps the name the benchmarks and docs use.
            for (var s = 1; s <= streets; s++)
            {
                ++userId;
                users.Row(userId, s == 1 ? "jiedao" : $"jiedao{s}", $"{SubDistrictNames[s - 1]}干部", passwordHash, "Official", s, null, null,
                    StampOf(userId), now);
            }

            var firstMember = 1;
            for (var c = 1; c <= o.Communities; c++)
            {
                var street = SubDistrictOf(c, o.Communities);
                var name = c <= CommunityNames.Length ? CommunityNames[c - 1] : $"{SubDistrictNames[street - 1][..^2]}第{c}社区";
                communities.Row(c, street, name, $"{name}（规模测试数据）：网格化管理，党建引领志愿服务。");
                if (c == 1)
                {
                    for (var i = 0; i < DemoSeeder.Honours.Length; i++)
                    {
                        honours.Row(c, DemoSeeder.Honours[i], i + 1);
                    }
                }
                var members = o.Residents / o.Communities + (c <= o.Residents % o.Communities ? 1 : 0);
                var gridIds = new int[Math.Max(2, members / 400)];
                for (var g = 0; g < gridIds.Length; g++)
                {
                    gridIds[g] = ++gridId;
                    grids.Row(gridId, c, $"第{g + 1}网格", g + 1);
                }
                var partnerIds = new int[3];
                string[] partnerNames = ["共建单位（示例）", "辖区律师事务所（示例）", "长者饭堂（示例）"];
                for (var p = 0; p < partnerIds.Length; p++)
                {
                    partnerIds[p] = ++partnerId;
                    partners.Row(partnerId, c, partnerNames[p]);
                }
                var teamIds = new int[Teams.Length];
                for (var t = 0; t < Teams.Length; t++)
                {
                    teamIds[t] = ++teamId;
                    teams.Row(teamId, c, Teams[t].Brand, Teams[t].Name, Teams[t].Kind, $"{Teams[t].Name}（规模测试数据）",
                        Teams[t].Kind == "InterestGroup", t + 1);
                }
                var rewardIds = new int[Rewards.Length];
                for (var r = 0; r < Rewards.Length; r++)
                {
                    rewardIds[r] = ++rewardId;
                    rewards.Row(rewardId, c, Rewards[r].Name, Rewards[r].Cost, $"{Rewards[r].Name}服务一次");
                }
                var secretary = ++userId;
                users.Row(secretary, $"shuji{c}", $"{name}书记", passwordHash, "Secretary", null, c, null, StampOf(userId), now);
                for (var t = 0; t < 4; t++)
                {
                    ++userId;
                    users.Row(userId, $"lead{c}-{t + 1}", $"{name}{Teams[t].Name}队长", passwordHash, "Lead", null, null, teamIds[t], StampOf(userId), now);
                }
                _communities.Add(new CommunityPlan(c, firstMember, members, gridIds, teamIds, partnerIds, rewardIds, [], secretary, [],
                    new List<int>[Teams.Length]));
                firstMember += members;
            }
        }

        private string StampOf(int userId) => new Guid(_rnd.Next(), (short)userId, 0, new byte[8]).ToString("N");

        private void People(DbTransaction? tx)
        {
            var members = Open(tx, "Member", InsertMemberSqlite);
            var memberships = Open(tx, "Membership", InsertMembershipSqlite);
            var deliberations = Open(tx, "Deliberation", InsertDeliberationSqlite);
            var attendees = Open(tx, "DeliberationAttendee", InsertDeliberationAttendeeSqlite);
            _gridOfMember = new int[o.Residents + 1];
            _communityOfMember = new int[o.Residents + 1];
            _balanceBeforeCutoff = new long[o.Residents + 1];
            string[] prefixes = ["138", "139", "135", "137", "150", "158", "186", "189", "134", "188"];
            var deliberationId = 0;
            for (var ci = 0; ci < _communities.Count; ci++)
            {
                var c = _communities[ci];
                var leadCount = Math.Min(22, c.Members / 10);
                var leads = new int[leadCount];
                for (var k = 0; k < c.Members; k++)
                {
                    var id = c.FirstMember + k;
                    var grid = c.Grids[k % c.Grids.Length];
                    _gridOfMember[id] = grid;
                    _communityOfMember[id] = ci;
                    var lead = k < leadCount;
                    if (lead)
                    {
                        leads[k] = id;
                    }
                    // Phones are unique: the prefix and the member id make the last eight digits.
                    members.Row(id, grid, Pick(DemoSeeder.Surnames) + Pick(DemoSeeder.GivenNames), Pick(prefixes) + id.ToString("D8", CultureInfo.InvariantCulture),
                        lead || _rnd.Next(3) == 0, _rnd.Next(4) == 0, lead, lead ? Pick(Skills) : null,
                        RandomMoment(_start.AddYears(-3), _start));
                }
                var plan = c with { Leads = leads };
                // Rosters: distinct members per team; the volunteer teams carry some 百合邻长.
                for (var t = 0; t < Teams.Length; t++)
                {
                    var size = Teams[t].Kind == "VolunteerService" ? Math.Max(4, c.Members / 20) : Math.Max(3, c.Members / 60);
                    var chosen = new List<int>(size);
                    var seen = new HashSet<int>();
                    if (t < 4)
                    {
                        for (var l = t; l < leads.Length && chosen.Count < size / 3; l += 4)
                        {
                            chosen.Add(leads[l]);
                            seen.Add(leads[l]);
                        }
                    }
                    while (chosen.Count < size)
                    {
                        var m = c.FirstMember + _rnd.Next(c.Members);
                        if (seen.Add(m))
                        {
                            chosen.Add(m);
                        }
                    }
                    for (var i = 0; i < chosen.Count; i++)
                    {
                        var role = i == 0 ? "Lead" : i <= 2 ? "Deputy" : "Member";
                        memberships.Row(plan.Teams[t], chosen[i], role, RandomMoment(_start.AddYears(-2), _start).Date, null, null);
                    }
                    // Two former members who left, kept as history rows.
                    for (var i = 0; i < 2; i++)
                    {
                        var former = c.FirstMember + _rnd.Next(c.Members);
                        if (!seen.Add(former))
                        {
                            continue;
                        }
                        var joined = RandomMoment(_start.AddYears(-3), _start.AddYears(-2)).Date;
                        memberships.Row(plan.Teams[t], former, "Member", joined, joined.AddDays(100 + _rnd.Next(200)), "搬离社区");
                    }
                    plan.Rosters[t] = chosen;
                }
                // 邻合百姓事: a meeting a month, attended by a few 邻长.
                var meetingIds = new List<int>();
                for (var month = _start; month < now; month = month.AddMonths(1))
                {
                    var held = month.AddDays(_rnd.Next(0, 27)).AddHours(19);
                    if (held > now)
                    {
                        break;
                    }
                    meetingIds.Add(++deliberationId);
                    deliberations.Row(deliberationId, c.Id, held.Date, "楼道电动车充电安全", "居民反映多处楼道电动车充电，存在火灾隐患。", "增设集中充电点；邻长分楼栋劝导。");
                    foreach (var lead in leads.Where((_, k) => (k + deliberationId) % 4 == 0))
                    {
                        attendees.Row(deliberationId, lead);
                    }
                }
                _communities[ci] = plan with { Deliberations = [.. meetingIds] };
            }
        }

        private readonly record struct PendingEntry(int Member, int Category, int Points, DateTime OccurredOn, string Source, int? RuleId,
            int? ActivityId, int? TaskId, int? WishId, int? RedemptionId, int? Reverses, int? RecordedBy, DateTime RecordedAt, string? Note);

        private readonly List<PendingEntry> _pending = [];

        /// <summary>Buffers a ledger entry under a provisional id (its position); <see cref="FlushEntries"/> writes them.</summary>
        private void Entry(int member, int category, int points, DateTime occurredOn, string source, int? ruleId, int? activityId,
            int? taskId, int? wishId, int? redemptionId, int? reverses, int? recordedBy, DateTime recordedAt, string? note)
        {
            _pending.Add(new PendingEntry(member, category, points, occurredOn.Date, source, ruleId, activityId, taskId, wishId, redemptionId,
                reverses, recordedBy, recordedAt, note));
            ++_entryId;
            _ledgerLeft--;
            if (occurredOn < _cutoff)
            {
                _balanceBeforeCutoff[member] += points;
            }
        }

        /// <summary>
        /// Writes the ledger in the order it happened, as the app appends it: ids rise with time, and the date index is
        /// filled at its end instead of at random places (35,000 rows/s instead of 17,000-21,000 on the
        /// 2-core machine). A correction keeps pointing at the entry it reverses.
        /// </summary>
        private void FlushEntries()
        {
            var order = Enumerable.Range(0, _pending.Count)
                .OrderBy(i => _pending[i].OccurredOn).ThenBy(i => _pending[i].RecordedAt).ThenBy(i => i)
                .ToArray();
            var finalId = new int[_pending.Count + 1];
            for (var k = 0; k < order.Length; k++)
            {
                finalId[order[k] + 1] = k + 1;
            }
            for (var k = 0; k < order.Length; k++)
            {
                var e = _pending[order[k]];
                _entries.Row(k + 1, e.Member, e.Category, e.Points, e.OccurredOn, e.Source, e.RuleId, e.ActivityId, e.TaskId, e.WishId,
                    e.RedemptionId, e.Reverses is int r ? finalId[r] : null, e.RecordedBy, e.RecordedAt, e.Note);
            }
            _pending.Clear();
        }

        private void Activities(DbTransaction? tx)
        {
            var activities = Open(tx, "Activity", InsertActivitySqlite);
            var attendance = Open(tx, "Attendance", InsertAttendanceSqlite);
            // 一场一统计: about a fifth of the ledger comes from closed events, spread over the communities in turn.
            var budget = o.Ledger / 5;
            var activityId = 0;
            while (budget > 0)
            {
                foreach (var c in _communities)
                {
                    var t = _rnd.Next(Teams.Length);
                    var roster = c.Rosters[t];
                    var held = RandomMoment(_start, now.Date.AddDays(-1)).Date;
                    var (title, place) = Pick(Events);
                    var points = 1 + _rnd.Next(3);
                    var category = 1 + _rnd.Next(5);
                    activities.Row(++activityId, c.Teams[t], category, title, place, held, points, "Closed", held.AddHours(18), c.Secretary);
                    foreach (var m in roster)
                    {
                        if (budget <= 0 || _rnd.Next(4) == 0)
                        {
                            continue;
                        }
                        attendance.Row(activityId, m, 0);
                        Entry(m, category, points, held, "Activity", null, activityId, null, null, null, null, c.Secretary, held.AddHours(18), title);
                        budget--;
                    }
                    if (budget <= 0)
                    {
                        break;
                    }
                }
            }
            // One open event per community, coming up: attendance not yet taken, nothing in the ledger.
            foreach (var c in _communities)
            {
                activities.Row(++activityId, c.Teams[1], 2, "百合讲师团·家庭教育讲座", "社区党群服务中心", now.Date.AddDays(3), 2, "Open", null, null);
            }
        }

        private void Tasks(DbTransaction? tx)
        {
            var tasks = Open(tx, "ResidentTask", InsertTaskSqlite);
            var assignees = Open(tx, "TaskAssignee", InsertTaskAssigneeSqlite);
            var history = Open(tx, "TaskStageHistory", InsertTaskHistorySqlite);
            for (var id = 1; id <= o.Tasks; id++)
            {
                var c = _communities[(id - 1) % _communities.Count];
                // Most work is done; recent work is still open at every stage.
                var r = _rnd.Next(100);
                var stage = r < 84 ? "Closed" : Stages[(r - 84) / 4];
                var collectedAt = stage == "Closed" ? RandomMoment(_start, now.AddDays(-10)) : RandomMoment(now.AddDays(-10), now.AddHours(-1));
                var resident = c.FirstMember + _rnd.Next(c.Members);
                var (category, titles) = Pick(DemoSeeder.TaskTemplates);
                var title = Pick(titles);
                var source = Pick(TaskSources);
                int? meeting = source == "Deliberation" && c.Deliberations.Length > 0 ? c.Deliberations[_rnd.Next(c.Deliberations.Length)] : null;
                if (source == "Deliberation" && meeting is null)
                {
                    source = "GridVisit";
                }
                var level = Array.IndexOf(Stages, stage);
                var urgency = level >= 1 ? Pick(Urgencies) : null;
                var due = urgency switch { "Urgent" => TimeSpan.FromHours(2), "High" => TimeSpan.FromHours(24), _ => TimeSpan.FromHours(72) };
                // Eight in ten closed tasks are closed in time; the rest run late.
                var took = _rnd.Next(10) < 8 ? due * (0.2 + 0.7 * _rnd.NextDouble()) : due * (1.2 + 2 * _rnd.NextDouble());
                var end = stage == "Closed" ? Second(collectedAt + took) : now;
                var t = _rnd.Next(4);
                int? team = level >= 2 ? c.Teams[t] : null;
                int? doer = level >= 2 ? Pick(c.Rosters[t]) : null;
                tasks.Row(id, _gridOfMember[resident], resident, title, $"居民反映：{title}，请网格跟进处理。", category, source, urgency, stage, team,
                    meeting, collectedAt, urgency is null ? null : (DateTime?)(collectedAt + due), stage == "Closed" ? (DateTime?)end : null,
                    level >= 3 ? $"已处理：{title}" : null, stage == "Closed" ? (_rnd.Next(10) < 8 ? "Satisfied" : "Basic") : null, c.Secretary);
                if (doer is int d)
                {
                    assignees.Row(id, d);
                }
                // The timeline follows the workflow; one closed task in eight was sent back once before it was fixed.
                var reopened = stage == "Closed" && _rnd.Next(8) == 0;
                string[] path = reopened ? ["Collected", "Identified", "Assigned", "Resolved", "Assigned", "Resolved", "Closed"] : Stages;
                var last = reopened ? path.Length - 1 : level;
                for (var k = 0; k <= last; k++)
                {
                    var at = k == 0 ? collectedAt : collectedAt + (end - collectedAt) * (k / (double)Math.Max(last, 1));
                    history.Row(id, k == 0 ? null : path[k - 1], path[k], Second(at), c.Secretary, reopened && k == 4 ? "重新分办：居民不满意" : null);
                }
                if (stage == "Closed" && doer is int credited && _ledgerLeft > 0)
                {
                    Entry(credited, 3, 1, end, "Task", 1, null, id, null, null, null, c.Secretary, end, title);
                }
            }
        }

        private void Wishes(DbTransaction? tx)
        {
            var wishes = Open(tx, "MicroWish", InsertWishSqlite);
            var history = Open(tx, "WishStatusHistory", InsertWishHistorySqlite);
            string[] kinds = ["Member", "Team", "Partner"];
            for (var id = 1; id <= o.Wishes; id++)
            {
                var c = _communities[(id - 1) % _communities.Count];
                var r = _rnd.Next(100);
                var status = r < 55 ? "Fulfilled" : r < 85 ? "Visited" : r < 93 ? "Published" : "Claimed";
                var level = Array.IndexOf(WishPath, status);
                var publishedAt = level >= 2 ? RandomMoment(_start, now.AddDays(-5)) : RandomMoment(now.AddDays(-20), now.AddHours(-1));
                var claimedAt = level >= 1 ? Second(publishedAt + TimeSpan.FromHours(1 + _rnd.Next(48))) : (DateTime?)null;
                if (claimedAt > now)
                {
                    claimedAt = now;
                }
                var fulfilledAt = level >= 2 ? Second(claimedAt!.Value + TimeSpan.FromHours(2 + _rnd.Next(72))) : (DateTime?)null;
                if (fulfilledAt > now)
                {
                    fulfilledAt = now;
                }
                var kind = level >= 1 ? Pick(kinds) : null;
                int? byMember = null, byTeam = null, byPartner = null;
                switch (kind)
                {
                    case "Member": byMember = c.Leads.Length > 0 && _rnd.Next(2) == 0 ? Pick(c.Leads) : Pick(c.Rosters[_rnd.Next(4)]); break;
                    case "Team": byTeam = c.Teams[_rnd.Next(4)]; break;
                    case "Partner": byPartner = Pick(c.Partners); break;
                }
                var (content, value) = Pick(WishTemplates);
                var child = _rnd.Next(3) == 0;
                wishes.Row(id, c.Grids[_rnd.Next(c.Grids.Length)], Pick(DemoSeeder.Surnames) + (child ? "小朋友" : _rnd.Next(2) == 0 ? "伯" : "姨"),
                    child ? "Child" : "Elderly", content, value, status, publishedAt, claimedAt, kind, byMember, byTeam, byPartner,
                    fulfilledAt, fulfilledAt is null ? null : $"已送达：{content}", c.Secretary);
                var visitedAt = fulfilledAt?.AddDays(2) ?? now;
                DateTime?[] times = [publishedAt, claimedAt, fulfilledAt, visitedAt > now ? now : visitedAt];
                for (var k = 0; k <= level; k++)
                {
                    history.Row(id, k == 0 ? null : WishPath[k - 1], WishPath[k], times[k], c.Secretary, null);
                }
                if (byMember is int claimer && fulfilledAt is DateTime done && _ledgerLeft > 0)
                {
                    Entry(claimer, 3, 1, done, "Wish", 1, null, null, id, null, null, c.Secretary, done, $"认领微心愿：{content}");
                }
            }
        }

        private void Services(DbTransaction? tx, long count, bool recentOnly = false)
        {
            // 一次一积分: mostly by roster members and 邻长, some by any resident; one in 300 is corrected the same day.
            for (long i = 0; i < count && _ledgerLeft > 0; i++)
            {
                var c = _communities[_rnd.Next(_communities.Count)];
                var r = _rnd.Next(10);
                var member = r < 2 && c.Leads.Length > 0 ? Pick(c.Leads) : r < 7 ? Pick(c.Rosters[_rnd.Next(Teams.Length)]) : c.FirstMember + _rnd.Next(c.Members);
                var on = recentOnly ? RandomMoment(_cutoff, now).Date : RandomMoment(_start, now).Date;
                var category = 1 + _rnd.Next(5);
                var recordedAt = on.AddHours(9 + _rnd.Next(10));
                Entry(member, category, 1, on, "Service", 1, null, null, null, null, null, c.Secretary, recordedAt, Pick(DemoSeeder.ServiceNotes));
                if (_rnd.Next(300) == 0 && _ledgerLeft > 0 && i + 1 < count)
                {
                    var reversed = _entryId;
                    Entry(member, category, -1, on, "Correction", null, null, null, null, null, reversed, c.Secretary, recordedAt.AddHours(1), "冲正：重复登记");
                    i++;
                }
            }
        }

        private void Redemptions(DbTransaction? tx, int count)
        {
            var redemptions = Open(tx, "Redemption", InsertRedemptionSqlite);
            // 以积分兑奖励: after the cut-off, each within what the member had earned before it, so no balance ever goes below zero.
            var id = 0;
            var candidates = Enumerable.Range(1, o.Residents).Where(m => _balanceBeforeCutoff[m] >= 3).ToList();
            while (id < count && candidates.Count > 0)
            {
                var k = _rnd.Next(candidates.Count);
                var member = candidates[k];
                var c = _communities[_communityOfMember[member]];
                var reward = _rnd.Next(Rewards.Length);
                var cost = Rewards[reward].Cost;
                if (_balanceBeforeCutoff[member] < cost)
                {
                    candidates[k] = candidates[^1];
                    candidates.RemoveAt(candidates.Count - 1);
                    continue;
                }
                _balanceBeforeCutoff[member] -= cost;
                var at = RandomMoment(_cutoff, now);
                var fulfilled = _rnd.Next(3) > 0;
                redemptions.Row(++id, member, c.Rewards[reward], cost, $"scale-{id}", fulfilled ? "Fulfilled" : "Pending", at,
                    fulfilled ? (DateTime?)(at.AddHours(2) > now ? now : at.AddHours(2)) : null, c.Secretary);
                Entry(member, 3, -cost, at, "Redemption", null, null, null, null, id, null, c.Secretary, at, $"兑换{Rewards[reward].Name}");
            }
        }
    }
}
