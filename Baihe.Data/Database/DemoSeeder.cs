using Baihe.Data.Communities;
using System.Data.Common;
using Baihe.Data.Summaries;
using Dapper;

namespace Baihe.Data.Database;

/// <summary>
/// Fills an empty database with the article's community: 百合园社区 with its brand matrix, 4 volunteer teams,
/// 8 interest groups, 22 百合邻长, exactly 65 tasks closed and 158 wishes fulfilled "this year" (the calendar
/// year up to <see cref="BaiheClock.Now"/>), open work at every stage, and the 曾姨 kitchen-leak case.
/// A fixed random seed makes the data the same for the same day. People's names are sample data.
/// Four smaller sample communities of 金东街道 (<see cref="SampleCommunities"/>, described as 示例数据) follow, so the
/// district view has communities to compare; they are seeded after 百合园社区 with their own random sequence, so the
/// article's community and its figures are exactly what they were.
/// </summary>
public sealed class DemoSeeder(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>Tasks closed this year, as the article reports.</summary>
    public const int TasksDoneThisYear = 65;

    /// <summary>Micro-wishes fulfilled this year, as the article reports.</summary>
    public const int WishesFulfilledThisYear = 158;

    /// <summary>百合邻长, as the article reports.</summary>
    public const int NeighbourLeadCount = 22;

    private const int Seed = 20241118;

    /// <summary>
    /// The sample communities of 金东街道 beside 百合园社区, with figures that differ on purpose (busy and punctual, small,
    /// slow with overdue work) so the district comparison has something to show. All of it is sample data.
    /// </summary>
    public static readonly IReadOnlyList<SampleCommunity> SampleCommunities =
    [
        new("金砂社区", Grids: 4, Residents: 90, Leads: 12, TasksClosed: 41, TasksOpen: 7, LateShare: 1, ReopenShare: 1, WishesFulfilled: 52, WishesOpen: 6, PointEntries: 160),
        new("金园社区", Grids: 3, Residents: 70, Leads: 9, TasksClosed: 28, TasksOpen: 5, LateShare: 2, ReopenShare: 2, WishesFulfilled: 37, WishesOpen: 4, PointEntries: 110),
        new("东墩社区", Grids: 3, Residents: 60, Leads: 6, TasksClosed: 17, TasksOpen: 12, LateShare: 5, ReopenShare: 3, WishesFulfilled: 19, WishesOpen: 9, PointEntries: 55),
        new("新厦社区", Grids: 2, Residents: 40, Leads: 4, TasksClosed: 9, TasksOpen: 3, LateShare: 3, ReopenShare: 0, WishesFulfilled: 11, WishesOpen: 2, PointEntries: 30),
    ];


    private const string AnyCommunitySql = "SELECT COUNT(*) FROM Community;";

    /// <summary>True when the database has no community yet, so seeding is safe.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(AnyCommunitySql, cancellationToken: ct)) == 0;
    }

    /// <summary>Seeds the demo community in one transaction. Refuses a database that already has data.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (!await IsEmptyAsync(ct))
        {
            throw new InvalidOperationException("The database already has data; demo data goes only into an empty database.");
        }
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var run = new Run(conn, tx, db.IsSqlite, clock.Now, new Random(Seed), ct);
        await run.AllAsync();
        await Certificates.ServiceHoursDemo.SeedAsync(conn, tx, run.CommunityId, ct);
        // The ledger went in as one batch, not through PointLedger, so its summary is computed once here.
        await PointSummaryRebuild.RunAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
    }

    private const string InsertSubDistrictSql = "INSERT INTO SubDistrict (Name, District, City) VALUES (@Name, @District, @City);";
    private const string InsertCommunitySql = "INSERT INTO Community (SubDistrictId, Name, Description) VALUES (@SubDistrictId, @Name, @Description);";
    private const string InsertHonourSql = "INSERT INTO CommunityHonour (CommunityId, Title, SortOrder) VALUES (@CommunityId, @Title, @SortOrder);";
    private const string InsertGridSql = "INSERT INTO Grid (CommunityId, Name, SortOrder) VALUES (@CommunityId, @Name, @SortOrder);";
    private const string InsertPartnerSql = "INSERT INTO PartnerUnit (CommunityId, Name) VALUES (@CommunityId, @Name);";
    private const string InsertBrandSql = "INSERT INTO Brand (ParentBrandId, Name, Description, SortOrder) VALUES (@ParentBrandId, @Name, @Description, @SortOrder);";
    private const string InsertTeamSql = """
        INSERT INTO Team (CommunityId, BrandId, Name, Kind, Description, IsSample, SortOrder)
        VALUES (@CommunityId, @BrandId, @Name, @Kind, @Description, @IsSample, @SortOrder);
        """;
    private const string InsertMemberSql = """
        INSERT INTO Member (GridId, Name, Phone, IsPartyMember, IsRetiredSoe, IsNeighbourLead, Skill, IsSample, CreatedAt)
        VALUES (@GridId, @Name, @Phone, @IsPartyMember, @IsRetiredSoe, @IsNeighbourLead, @Skill, 1, @CreatedAt);
        """;
    private const string InsertMembershipSql = """
        INSERT INTO Membership (TeamId, MemberId, Role, JoinedOn, LeftOn, LeaveReason)
        VALUES (@TeamId, @MemberId, @Role, @JoinedOn, @LeftOn, @LeaveReason);
        """;
    private const string InsertActivitySql = """
        INSERT INTO Activity (TeamId, CategoryId, Title, Place, HeldOn, PointsPerAttendee, Status, ClosedAt)
        VALUES (@TeamId, @CategoryId, @Title, @Place, @HeldOn, @PointsPerAttendee, @Status, @ClosedAt);
        """;
    private const string InsertAttendanceSql = "INSERT INTO Attendance (ActivityId, MemberId, IsWalkIn) VALUES (@ActivityId, @MemberId, @IsWalkIn);";
    private const string InsertRewardSql = "INSERT INTO Reward (CommunityId, Name, PointCost, IsActive, Description) VALUES (@CommunityId, @Name, @PointCost, 1, @Description);";
    private const string InsertRedemptionSql = """
        INSERT INTO Redemption (MemberId, RewardId, Points, IdempotencyKey, Status, RequestedAt, FulfilledAt)
        VALUES (@MemberId, @RewardId, @Points, @IdempotencyKey, @Status, @RequestedAt, @FulfilledAt);
        """;
    private const string InsertEntrySql = """
        INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RuleId, ActivityId, TaskId, WishId, RedemptionId, RecordedAt, Note)
        VALUES (@MemberId, @CategoryId, @Points, @OccurredOn, @Source, @RuleId, @ActivityId, @TaskId, @WishId, @RedemptionId, @RecordedAt, @Note);
        """;
    private const string InsertDeliberationSql = """
        INSERT INTO Deliberation (CommunityId, HeldOn, Topic, NeedsRaised, Decisions)
        VALUES (@CommunityId, @HeldOn, @Topic, @NeedsRaised, @Decisions);
        """;
    private const string InsertDeliberationAttendeeSql = "INSERT INTO DeliberationAttendee (DeliberationId, MemberId) VALUES (@DeliberationId, @MemberId);";
    private const string InsertTaskSql = """
        INSERT INTO ResidentTask (GridId, ResidentId, Title, Description, Category, Source, Urgency, Stage, AssignedTeamId,
                                  DeliberationId, CollectedAt, DueAt, ClosedAt, Resolution, Satisfaction, Result)
        VALUES (@GridId, @ResidentId, @Title, @Description, @Category, @Source, @Urgency, @Stage, @AssignedTeamId,
                @DeliberationId, @CollectedAt, @DueAt, @ClosedAt, @Resolution, @Satisfaction, @Result);
        """;
    private const string InsertTaskAssigneeSql = "INSERT INTO TaskAssignee (TaskId, MemberId) VALUES (@TaskId, @MemberId);";
    private const string InsertTaskHistorySql = """
        INSERT INTO TaskStageHistory (TaskId, FromStage, ToStage, ChangedAt, Note)
        VALUES (@TaskId, @FromStage, @ToStage, @ChangedAt, @Note);
        """;
    private const string InsertWishSql = """
        INSERT INTO MicroWish (GridId, WisherName, WisherKind, Content, EstimatedValue, Status, PublishedAt, ClaimedAt, ClaimantKind,
                               ClaimedByMemberId, ClaimedByTeamId, ClaimedByPartnerId, FulfilledAt, FulfilmentNote)
        VALUES (@GridId, @WisherName, @WisherKind, @Content, @EstimatedValue, @Status, @PublishedAt, @ClaimedAt, @ClaimantKind,
                @ClaimedByMemberId, @ClaimedByTeamId, @ClaimedByPartnerId, @FulfilledAt, @FulfilmentNote);
        """;
    private const string InsertWishHistorySql = """
        INSERT INTO WishStatusHistory (WishId, FromStatus, ToStatus, ChangedAt, Note)
        VALUES (@WishId, @FromStatus, @ToStatus, @ChangedAt, @Note);
        """;

    internal static readonly string[] Surnames =
        ["陈", "林", "黄", "李", "张", "吴", "郑", "蔡", "许", "杨", "王", "刘", "洪", "翁", "谢", "余", "詹", "庄", "姚", "周", "方", "郭", "马", "纪"];

    internal static readonly string[] GivenNames =
        ["秀兰", "淑贞", "丽华", "少芬", "桂英", "玉珠", "美玲", "佩君", "晓燕", "婉婷", "建国", "志强", "伟民", "振华", "国栋",
         "锦辉", "文彬", "少雄", "俊杰", "泽鹏", "海涛", "嘉豪", "立新", "明辉", "育才", "惠娟", "爱群", "丽珊", "家乐", "梓轩"];

    private static readonly string[] GridNames = ["第一网格", "第二网格", "第三网格", "第四网格", "第五网格"];

    internal static readonly string[] Honours =
        ["全国妇联基层建设先进单位", "全国科普示范社区", "广东省文明社区", "广东省“百佳”基层老年群众组织"];

    private static readonly (string Name, string Skill)[] LeadSkills =
    [
        ("李建华", "水电维修"), ("陈淑贞", "楼栋联络"), ("林振华", "调解纠纷"), ("黄丽华", "文明劝导"), ("张国栋", "消防安全"),
        ("吴美玲", "垃圾分类"), ("郑伟民", "家电维修"), ("蔡桂英", "邻里探访"), ("许志强", "治安巡逻"), ("杨玉珠", "长者陪伴"),
        ("王立新", "政策宣传"), ("刘惠娟", "卫生保洁"), ("洪锦辉", "修锁补鞋"), ("翁少芬", "心理疏导"), ("谢文彬", "法律咨询"),
        ("余爱群", "儿童托管"), ("詹明辉", "电动车安全"), ("庄婉婷", "议事记录"), ("姚海涛", "楼道照明"), ("周秀兰", "理发义剪"),
        ("方育才", "书法教学"), ("郭丽珊", "健康讲座"),
    ];

    internal static readonly (string Category, string[] Titles)[] TaskTemplates =
    [
        ("水电维修", ["楼道水管渗漏", "家中电路跳闸", "卫生间下水道堵塞", "公共水表漏水"]),
        ("环境卫生", ["楼道杂物堆放", "垃圾分类点异味", "小区绿化带积水", "共享单车乱停放"]),
        ("邻里纠纷", ["楼上噪音扰民", "空调外机滴水纠纷", "公共通道占用", "宠物扰邻"]),
        ("生活帮扶", ["独居老人代购药品", "困境儿童学习辅导", "长者助餐送餐", "行动不便老人代办业务"]),
        ("安全隐患", ["电动车楼道充电", "消防通道堵塞", "外墙瓷砖松动", "井盖破损"]),
        ("设施维护", ["楼道照明灯损坏", "单元门禁故障", "休闲座椅破损", "健身器材松动"]),
    ];

    private static readonly (string Content, int Value)[] WishTemplates =
    [
        ("一副老花镜", 60), ("一台收音机", 120), ("新书包和文具", 150), ("一双保暖棉鞋", 100), ("助行拐杖", 80),
        ("课外读物一套", 90), ("电饭锅", 200), ("冬季棉被", 180), ("电子血压计", 160), ("护眼台灯", 120),
        ("理发上门服务", 30), ("陪同复诊一次", 50), ("潮剧唱片", 40), ("毛笔字帖与宣纸", 70),
    ];

    internal static readonly string[] ServiceNotes =
        ["楼栋议事", "文明劝导", "邻里探访", "安全巡查", "纠纷调解", "垃圾分类宣传", "长者助餐", "困境儿童陪伴", "随手拍上报"];

    private sealed record EntryArgs(int MemberId, int CategoryId, int Points, DateTime OccurredOn, string Source, int? RuleId,
        int? ActivityId, int? TaskId, int? WishId, int? RedemptionId, DateTime RecordedAt, string? Note);

    /// <summary>One seeding run: everything it inserts, in dependency order, inside one transaction.</summary>
    private sealed class Run(DbConnection conn, DbTransaction tx, bool sqlite, DateTime now, Random rnd, CancellationToken ct)
    {
        private readonly DateTime _yearStart = new(now.Year, 1, 1);
        private readonly List<(int Id, int GridId)> _members = [];
        private readonly Dictionary<string, int> _teams = [];
        private readonly List<int> _grids = [];
        private readonly List<int> _partners = [];
        private readonly List<int> _leads = [];
        private readonly Dictionary<int, List<int>> _rosters = [];
        private readonly List<EntryArgs> _entries = [];
        private int _communityId;

        /// <summary>百合园社区, once seeded.</summary>
        public int CommunityId => _communityId;
        private int _subDistrictId;
        private int _liShifu;
        private int _zengYi;

        private Task<int> Insert(string sql, object args) => SqlIdentity.InsertAsync(conn, tx, sqlite, sql, args, ct);

        private Task Exec(string sql, object args) => conn.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct));

        public async Task AllAsync()
        {
            await PlacesAsync();
            var brands = await BrandsAsync();
            await TeamsAsync(brands);
            await MembersAsync();
            await RostersAsync();
            await PointsAsync();
            var deliberations = await DeliberationsAsync();
            await TasksAsync(deliberations);
            await WishesAsync();
            await RewardsAsync();
            await SampleCommunitiesAsync(brands);
            await Exec(InsertEntrySql, _entries);
        }

        private async Task PlacesAsync()
        {
            var subDistrict = _subDistrictId = await Insert(InsertSubDistrictSql, new { Name = "金东街道", District = "金平区", City = "汕头市" });
            _communityId = await Insert(InsertCommunitySql, new
            {
                SubDistrictId = subDistrict,
                Name = "百合园社区",
                Description = "位于汕头中心城区商业闹市，人口密集、老龄化程度高。社区党总支部以“百合‘共治圈’”党建品牌矩阵引领基层治理。",
            });
            for (var i = 0; i < Honours.Length; i++)
            {
                await Exec(InsertHonourSql, new { CommunityId = _communityId, Title = Honours[i], SortOrder = i + 1 });
            }
            for (var i = 0; i < GridNames.Length; i++)
            {
                _grids.Add(await Insert(InsertGridSql, new { CommunityId = _communityId, Name = GridNames[i], SortOrder = i + 1 }));
            }
            foreach (var name in new[] { "汕头大学曙光义教团队", "辖区律师事务所（示例）", "金东街道长者饭堂", "菜鸟驿站（示例）" })
            {
                _partners.Add(await Insert(InsertPartnerSql, new { CommunityId = _communityId, Name = name }));
            }
        }

        private async Task<Dictionary<string, int>> BrandsAsync()
        {
            var umbrella = await Insert(InsertBrandSql, new
            {
                ParentBrandId = (int?)null, Name = "百合“共治圈”", SortOrder = 0,
                Description = "社区党建品牌矩阵：以高质量党建凝聚多元化资源，以队伍建设助推社区治理。",
            });
            (string Key, string Name, string Description)[] subs =
            [
                ("BaiFang", "“百”方力量“合”成服务先锋", "机关企事业单位下沉党员、校社青年团员、共建单位及社会志愿者全部编入网格。"),
                ("YinHui", "银辉耀百合", "依托银辉驿站发挥国企退休党员作用：银发人才库、百合讲师团、银辉护苗行动。"),
                ("LinZhang", "百合邻长", "居民担任“百合邻长”，以需求付行动，以行动计积分，以积分兑奖励。"),
                ("DangQun", "党群连心 服务为民", "社区党总支部工作机制：推动组建 8 支老年人兴趣队伍和 4 支居民志愿服务队伍。"),
            ];
            var ids = new Dictionary<string, int>();
            for (var i = 0; i < subs.Length; i++)
            {
                ids[subs[i].Key] = await Insert(InsertBrandSql, new
                {
                    ParentBrandId = (int?)umbrella, subs[i].Name, subs[i].Description, SortOrder = i + 1,
                });
            }
            return ids;
        }

        private async Task TeamsAsync(Dictionary<string, int> brands)
        {
            (string Name, string Brand, string Kind, string Description, bool Sample)[] teams =
            [
                ("金姐姐", "YinHui", "VolunteerService", "妇联志愿服务队：亲子共读红色经典，定期入户慰问困境儿童。", false),
                ("银辉先锋", "YinHui", "VolunteerService", "国企退休党员志愿服务队：红色故事分享，银辉护苗行动（协助汕头大学曙光义教），兴趣课堂。", false),
                ("“百·和”调解队", "BaiFang", "VolunteerService", "网格员 + 法律明白人 + 人民调解员：社区律师、派出所民警、家庭教育指导师、社工、文明家庭。", false),
                ("新火先锋队", "BaiFang", "VolunteerService", "快递员、外卖员等新业态新就业群体：城市探头随手拍、维持秩序、助力长者饭堂配餐。", false),
                ("气排球队", "DangQun", "InterestGroup", "老年人兴趣队伍（示例名称）：气排球比赛。", true),
                ("潮乐队", "DangQun", "InterestGroup", "老年人兴趣队伍（示例名称）：潮乐展演。", true),
                ("书法队", "DangQun", "InterestGroup", "老年人兴趣队伍（示例名称）：书法班授课。", true),
                ("唐诗宋词队", "DangQun", "InterestGroup", "老年人兴趣队伍（示例名称）：唐诗宋词班。", true),
                ("潮韵（潮剧）队", "DangQun", "InterestGroup", "老年人兴趣队伍（示例名称）：潮韵班。", true),
                ("琵琶队", "DangQun", "InterestGroup", "老年人兴趣队伍（示例名称）：琵琶教学班。", true),
                ("合唱队", "DangQun", "InterestGroup", "老年人兴趣队伍（示例名称）：音乐鉴赏与合唱。", true),
                ("太极队", "DangQun", "InterestGroup", "老年人兴趣队伍（示例名称）：太极晨练。", true),
            ];
            for (var i = 0; i < teams.Length; i++)
            {
                var t = teams[i];
                _teams[t.Name] = await Insert(InsertTeamSql, new
                {
                    CommunityId = _communityId, BrandId = brands[t.Brand], t.Name, t.Kind, t.Description,
                    IsSample = t.Sample, SortOrder = i + 1,
                });
            }
        }

        private async Task MembersAsync()
        {
            var created = _yearStart.AddYears(-2);
            // The 22 百合邻长 first; 李建华 is the 邻长 plumber the article calls 李师傅.
            for (var i = 0; i < LeadSkills.Length; i++)
            {
                var id = await AddMember(_grids[i % _grids.Count], LeadSkills[i].Name, lead: true, LeadSkills[i].Skill, created);
                _leads.Add(id);
            }
            _liShifu = _leads[0];
            // 曾姨 lives alone; she is a resident, not on any team.
            _zengYi = await AddMember(_grids[1], "曾秀英", lead: false, skill: null, created);

            var used = new HashSet<string>(LeadSkills.Select(l => l.Name)) { "曾秀英" };
            while (_members.Count < 240)
            {
                var name = Surnames[rnd.Next(Surnames.Length)] + GivenNames[rnd.Next(GivenNames.Length)];
                if (!used.Add(name))
                {
                    continue;
                }
                await AddMember(_grids[rnd.Next(_grids.Count)], name, lead: false, skill: null, created.AddDays(rnd.Next(600)));
            }
        }

        private async Task<int> AddMember(int gridId, string name, bool lead, string? skill, DateTime createdAt)
        {
            var prefix = new[] { "138", "139", "135", "137", "150", "158", "186", "189", "134", "188" }[rnd.Next(10)];
            var id = await Insert(InsertMemberSql, new
            {
                GridId = gridId,
                Name = name,
                Phone = prefix + rnd.Next(0, 100_000_000).ToString("D8"),
                IsPartyMember = lead || rnd.Next(3) == 0,
                IsRetiredSoe = rnd.Next(4) == 0,
                IsNeighbourLead = lead,
                Skill = skill,
                CreatedAt = createdAt,
            });
            _members.Add((id, gridId));
            return id;
        }

        private async Task RostersAsync()
        {
            var sizes = new Dictionary<string, int>
            {
                ["金姐姐"] = 26, ["银辉先锋"] = 32, ["“百·和”调解队"] = 16, ["新火先锋队"] = 21,
                ["气排球队"] = 14, ["潮乐队"] = 12, ["书法队"] = 11, ["唐诗宋词队"] = 10,
                ["潮韵（潮剧）队"] = 13, ["琵琶队"] = 9, ["合唱队"] = 18, ["太极队"] = 15,
            };
            // Residents other than the leads and 曾姨, in a fixed shuffled order.
            var pool = _members.Select(m => m.Id).Where(id => !_leads.Contains(id) && id != _zengYi).OrderBy(_ => rnd.Next()).ToList();
            var next = 0;
            foreach (var (team, size) in sizes)
            {
                var teamId = _teams[team];
                var roster = new List<int>();
                // Volunteer teams carry some 百合邻长 (the plumber serves on 银辉先锋); interest groups draw on everyone.
                var leadsOnTeam = team switch
                {
                    "银辉先锋" => new[] { _leads[0], _leads[3], _leads[9] },
                    "“百·和”调解队" => [_leads[2], _leads[14], _leads[13]],
                    "金姐姐" => [_leads[1], _leads[7], _leads[15]],
                    "新火先锋队" => [_leads[16], _leads[8]],
                    _ => [],
                };
                roster.AddRange(leadsOnTeam);
                while (roster.Count < size)
                {
                    roster.Add(pool[next++ % pool.Count]);
                }
                for (var i = 0; i < roster.Count; i++)
                {
                    var role = i == 0 ? "Lead" : i <= 2 ? "Deputy" : "Member";
                    var joined = _yearStart.AddYears(-1).AddDays(rnd.Next(0, 500));
                    if (joined > now.Date)
                    {
                        joined = now.Date;
                    }
                    await Exec(InsertMembershipSql, new
                    {
                        TeamId = teamId, MemberId = roster[i], Role = role, JoinedOn = joined.Date,
                        LeftOn = (DateTime?)null, LeaveReason = (string?)null,
                    });
                }
                // History: two former members per team who left, kept as rows with a leave date.
                for (var i = 0; i < 2; i++)
                {
                    var former = pool[next++ % pool.Count];
                    if (roster.Contains(former))
                    {
                        continue;
                    }
                    var joined = _yearStart.AddYears(-2).AddDays(rnd.Next(0, 300));
                    await Exec(InsertMembershipSql, new
                    {
                        TeamId = teamId, MemberId = former, Role = "Member", JoinedOn = joined.Date,
                        LeftOn = (DateTime?)joined.AddDays(200 + rnd.Next(200)).Date, LeaveReason = (string?)"搬离社区",
                    });
                }
                _rosters[teamId] = roster;
            }
        }

        private DateTime RandomDayThisYear() => _yearStart.AddDays(rnd.Next(0, (now.Date - _yearStart).Days + 1));

        private async Task PointsAsync()
        {
            // 一次一积分: single services by the 邻长 and the volunteer teams, one point each, across this year.
            var earners = _leads.Concat(_rosters[_teams["金姐姐"]]).Concat(_rosters[_teams["银辉先锋"]])
                .Concat(_rosters[_teams["“百·和”调解队"]]).Concat(_rosters[_teams["新火先锋队"]]).Distinct().ToList();
            foreach (var member in earners)
            {
                var services = _leads.Contains(member) ? 12 + rnd.Next(14) : 2 + rnd.Next(8);
                for (var i = 0; i < services; i++)
                {
                    AddEntry(member, 1 + rnd.Next(5), 1, RandomDayThisYear(), "Service", ruleId: 1, note: ServiceNotes[rnd.Next(ServiceNotes.Length)]);
                }
                // Last year's work, so "this year" filters are visible in the data.
                AddEntry(member, 1 + rnd.Next(5), 1, _yearStart.AddDays(-1 - rnd.Next(300)), "Service", ruleId: 1, note: "上年度服务");
            }

            // 一场一统计: closed events write one entry per attendee.
            (string Team, int Category, string Title, string Place, int Points)[] events =
            [
                ("银辉先锋", 2, "老幼共读红色经典", "银辉驿站", 2),
                ("金姐姐", 2, "亲子诵读红色经典", "社区党群服务中心", 2),
                ("银辉先锋", 3, "银辉护苗·曙光义教辅导", "社区四点半课堂", 2),
                ("金姐姐", 3, "入户慰问困境儿童", "辖区困境儿童家庭", 3),
                ("“百·和”调解队", 5, "法律明白人调解培训", "社区调解室", 2),
                ("新火先锋队", 4, "骑手交通安全宣讲", "职工服务驿站", 2),
                ("新火先锋队", 3, "长者饭堂助餐配送", "金东街道长者饭堂", 2),
                ("银辉先锋", 1, "邻合百姓事议事会", "社区议事厅", 1),
                ("“百·和”调解队", 4, "消防安全隐患排查", "各网格楼栋", 2),
                ("金姐姐", 2, "酷暑送清凉·公益凉茶棚", "公益凉茶棚", 2),
                ("银辉先锋", 3, "元宵送汤圆", "社区广场", 2),
                ("新火先锋队", 3, "寒冬煮姜茶", "职工服务驿站", 1),
            ];
            var days = (now.Date - _yearStart).Days;
            for (var i = 0; i < events.Length; i++)
            {
                var e = events[i];
                var heldOn = _yearStart.AddDays(days * (i + 1) / (events.Length + 1));
                var activityId = await Insert(InsertActivitySql, new
                {
                    TeamId = _teams[e.Team], CategoryId = e.Category, e.Title, e.Place, HeldOn = heldOn,
                    PointsPerAttendee = e.Points, Status = "Closed", ClosedAt = (DateTime?)heldOn.AddHours(18),
                });
                var roster = _rosters[_teams[e.Team]];
                var attendees = roster.Where(_ => rnd.Next(3) > 0).ToList();
                foreach (var member in attendees)
                {
                    await Exec(InsertAttendanceSql, new { ActivityId = activityId, MemberId = member, IsWalkIn = false });
                    AddEntry(member, e.Category, e.Points, heldOn, "Activity", activityId: activityId, note: e.Title);
                }
            }
            // One event is still open: attendance not yet taken, nothing in the ledger.
            await Insert(InsertActivitySql, new
            {
                TeamId = _teams["银辉先锋"], CategoryId = 2, Title = "百合讲师团·家庭教育讲座", Place = "社区党群服务中心",
                HeldOn = now.Date.AddDays(3), PointsPerAttendee = 2, Status = "Open", ClosedAt = (DateTime?)null,
            });
        }

        private void AddEntry(int member, int category, int points, DateTime occurredOn, string source,
            int? ruleId = null, int? activityId = null, int? taskId = null, int? wishId = null, int? redemptionId = null, string? note = null)
        {
            _entries.Add(new EntryArgs(member, category, points, occurredOn.Date, source, ruleId, activityId, taskId, wishId,
            redemptionId, occurredOn.Date.AddHours(20), note));
        }

        private async Task<List<int>> DeliberationsAsync()
        {
            var ids = new List<int>();
            (string Topic, string Needs, string Decisions)[] meetings =
            [
                ("楼道电动车充电安全", "居民反映多处楼道电动车充电，存在火灾隐患。", "增设集中充电点；网格员与邻长分楼栋劝导。"),
                ("长者助餐与配送", "独居老人希望长者饭堂提供送餐。", "邀请新火先锋队协助配送。"),
                ("小区停车与通道占用", "消防通道时常被占用。", "划定禁停标识，邻长轮值巡查。"),
            ];
            var days = (now.Date - _yearStart).Days;
            for (var i = 0; i < meetings.Length; i++)
            {
                var id = await Insert(InsertDeliberationSql, new
                {
                    CommunityId = _communityId, HeldOn = _yearStart.AddDays(days * (i + 1) / 4).Date,
                    meetings[i].Topic, NeedsRaised = meetings[i].Needs, meetings[i].Decisions,
                });
                foreach (var lead in _leads.Where((_, k) => (k + i) % 3 == 0))
                {
                    await Exec(InsertDeliberationAttendeeSql, new { DeliberationId = id, MemberId = lead });
                }
                ids.Add(id);
            }
            return ids;
        }

        private static readonly string[] Sources = ["GridVisit", "Snapshot", "Deliberation", "Hotline", "WalkIn"];
        private static readonly string[] Urgencies = ["Urgent", "High", "Normal"];
        private static readonly string[] VolunteerTeams = ["金姐姐", "银辉先锋", "“百·和”调解队", "新火先锋队"];

        private static TimeSpan DueAfter(string urgency) => urgency switch
        {
            "Urgent" => TimeSpan.FromHours(2),
            "High" => TimeSpan.FromHours(24),
            _ => TimeSpan.FromHours(72),
        };

        private async Task TasksAsync(List<int> deliberations)
        {
            var span = now - _yearStart;

            // The 曾姨 case comes first; the remaining 64 closed tasks spread evenly across this year up to now.
            for (var i = 0; i < TasksDoneThisYear; i++)
            {
                var closedAt = _yearStart + span * ((i + 0.5) / TasksDoneThisYear);
                closedAt = closedAt.AddSeconds(-closedAt.Second);
                var collectedAt = closedAt - TimeSpan.FromHours(6 + rnd.Next(0, 72));
                if (collectedAt < _yearStart)
                {
                    collectedAt = _yearStart;
                }
                if (i == 0)
                {
                    await ZengYiAsync(collectedAt, closedAt);
                    continue;
                }
                await TaskAsync("Closed", collectedAt, closedAt, deliberations);
            }

            // Last year's closed work, which must not count this year.
            for (var i = 0; i < 6; i++)
            {
                var closedAt = _yearStart.AddDays(-3 - i * 20).AddHours(15);
                await TaskAsync("Closed", closedAt.AddDays(-2), closedAt, deliberations);
            }

            // Open work at every stage, collected in the last days; some of it overdue.
            foreach (var (stage, count) in new[] { ("Collected", 3), ("Identified", 3), ("Assigned", 4), ("Resolved", 3) })
            {
                for (var i = 0; i < count; i++)
                {
                    var collectedAt = now.AddHours(-(4 + rnd.Next(0, 96)));
                    await TaskAsync(stage, collectedAt, null, deliberations);
                }
            }
        }

        /// <summary>
        /// The result a demo task reports: a closed task was solved, and so was one awaiting its callback, except now and
        /// then in the sample communities (<paramref name="sometimesPartial"/>), where it was only partly solved. Chosen
        /// from the title, not the random generator, so the demo's other figures stay as they were; 百合园社区's tasks
        /// awaiting a callback all report 解决, so a callback with the defaults closes them.
        /// </summary>
        internal static string? DemoResult(string stage, string title, bool sometimesPartial = false) => stage switch
        {
            "Closed" => "Resolved",
            "Resolved" => sometimesPartial && title.Length % 3 == 0 ? "Partial" : "Resolved",
            _ => null,
        };

        private async Task ZengYiAsync(DateTime collectedAt, DateTime closedAt)
        {
            var id = await Insert(InsertTaskSql, new
            {
                GridId = _grids[1], ResidentId = (int?)_zengYi,
                Title = "曾姨家厨房渗水",
                Description = "独居老人曾姨向网格员反映，厨房渗水已蔓延至屋内，生活起居极为不便。",
                Category = "水电维修", Source = "GridVisit", Urgency = (string?)"High", Stage = "Closed",
                AssignedTeamId = (int?)null, DeliberationId = (int?)null,
                CollectedAt = collectedAt, DueAt = (DateTime?)(collectedAt + DueAfter("High")), ClosedAt = (DateTime?)closedAt,
                Resolution = (string?)"网格员联系“百合邻长”维修工李师傅上门查看并修复漏水；维修期间为老人购置饮用水。",
                Satisfaction = (string?)"Satisfied",
                Result = (string?)"Resolved",
            });
            await Exec(InsertTaskAssigneeSql, new { TaskId = id, MemberId = _liShifu });
            await HistoryAsync(id, "Closed", collectedAt, closedAt, "网格员联系百合邻长李师傅上门维修");
            AddEntry(_liShifu, 3, 1, closedAt, "Task", ruleId: 1, taskId: id, note: "曾姨家厨房渗水维修");
        }

        private async Task TaskAsync(string stage, DateTime collectedAt, DateTime? closedAt, List<int> deliberations)
        {
            var (category, titles) = TaskTemplates[rnd.Next(TaskTemplates.Length)];
            var title = titles[rnd.Next(titles.Length)];
            var source = Sources[rnd.Next(Sources.Length)];
            var urgency = stage == "Collected" ? null : Urgencies[rnd.Next(Urgencies.Length)];
            // Most closed tasks were done within their due time; the rest ran late, as the 按时办结率 should show.
            if (closedAt is DateTime closing && urgency is not null && rnd.Next(10) < 8)
            {
                var earliest = closing - DueAfter(urgency) * 0.9;
                var yearOfClosing = new DateTime(closing.Year, 1, 1);
                collectedAt = earliest + (closing - earliest) * rnd.NextDouble() * 0.5;
                collectedAt = new DateTime(Math.Max(collectedAt.Ticks, yearOfClosing.Ticks) - collectedAt.Ticks % TimeSpan.TicksPerSecond);
            }
            var assigned = stage is "Assigned" or "Resolved" or "Closed";
            var team = assigned ? _teams[VolunteerTeams[rnd.Next(VolunteerTeams.Length)]] : (int?)null;
            var resident = _members[rnd.Next(_members.Count)];
            var satisfaction = stage == "Closed" ? (rnd.Next(10) < 8 ? "Satisfied" : "Basic") : null;
            var id = await Insert(InsertTaskSql, new
            {
                GridId = resident.GridId, ResidentId = (int?)resident.Id, Title = title,
                Description = $"居民反映：{title}，请网格跟进处理。",
                Category = category, Source = source, Urgency = urgency, Stage = stage,
                AssignedTeamId = team,
                DeliberationId = source == "Deliberation" ? deliberations[rnd.Next(deliberations.Count)] : (int?)null,
                CollectedAt = collectedAt,
                DueAt = urgency is null ? (DateTime?)null : collectedAt + DueAfter(urgency),
                ClosedAt = closedAt,
                Resolution = stage is "Resolved" or "Closed" ? $"已处理：{title}" : null,
                Satisfaction = satisfaction,
                Result = DemoResult(stage, title),
            });
            if (team is int teamId)
            {
                var roster = _rosters[teamId];
                var doer = roster[rnd.Next(roster.Count)];
                await Exec(InsertTaskAssigneeSql, new { TaskId = id, MemberId = doer });
                if (closedAt is DateTime done)
                {
                    AddEntry(doer, 3, 1, done, "Task", ruleId: 1, taskId: id, note: title);
                }
            }
            // About one closed task in eight was reopened once (居民不满意) before it was fixed, as real work is.
            var reopened = stage == "Closed" && rnd.Next(8) == 0;
            await HistoryAsync(id, stage, collectedAt, closedAt ?? now, null, reopened);
        }

        /// <summary>
        /// The sample communities: grids, residents with some 邻长, two volunteer teams and two interest groups each,
        /// tasks closed this year (some late, some reopened once), open tasks (the older ones overdue), wishes and
        /// ledger entries. Own random sequence, so 百合园社区's data does not depend on them.
        /// </summary>
        private async Task SampleCommunitiesAsync(Dictionary<string, int> brands)
        {
            var r = new Random(Seed + 1);
            var subDistrict = _subDistrictId;
            var span = now - _yearStart;
            var order = 100;
            foreach (var c in SampleCommunities)
            {
                var community = await Insert(InsertCommunitySql, new
                {
                    SubDistrictId = subDistrict, c.Name,
                    Description = $"{CommunityRow.SamplePrefix}：{c.Name}是金东街道辖区的示例社区，用于演示街道对比，不是真实统计。",
                });
                var grids = new List<int>();
                for (var g = 0; g < c.Grids; g++)
                {
                    grids.Add(await Insert(InsertGridSql, new { CommunityId = community, Name = GridNames[g], SortOrder = g + 1 }));
                }
                var members = new List<(int Id, int GridId)>();
                for (var m = 0; m < c.Residents; m++)
                {
                    var grid = grids[m % grids.Count];
                    var id = await Insert(InsertMemberSql, new
                    {
                        GridId = grid,
                        Name = Surnames[r.Next(Surnames.Length)] + GivenNames[r.Next(GivenNames.Length)],
                        Phone = (string?)null, IsPartyMember = r.Next(3) == 0, IsRetiredSoe = r.Next(4) == 0,
                        IsNeighbourLead = m < c.Leads, Skill = m < c.Leads ? LeadSkills[m % LeadSkills.Length].Skill : null,
                        CreatedAt = _yearStart.AddYears(-1),
                    });
                    members.Add((id, grid));
                }
                (string Name, string Kind, string Brand)[] teams =
                [
                    ("邻里守望队", "VolunteerService", "BaiFang"), ("银发帮帮团", "VolunteerService", "YinHui"),
                    ("广场舞队", "InterestGroup", "DangQun"), ("潮乐队", "InterestGroup", "DangQun"),
                ];
                var teamIds = new List<int>();
                for (var t = 0; t < teams.Length; t++)
                {
                    var teamId = await Insert(InsertTeamSql, new
                    {
                        CommunityId = community, BrandId = brands[teams[t].Brand], teams[t].Name, teams[t].Kind,
                        Description = "示例数据：示例队伍。", IsSample = true, SortOrder = ++order,
                    });
                    teamIds.Add(teamId);
                    var size = 6 + r.Next(c.Residents / 5);
                    var roster = members.OrderBy(_ => r.Next()).Take(size).ToList();
                    for (var k = 0; k < roster.Count; k++)
                    {
                        await Exec(InsertMembershipSql, new
                        {
                            TeamId = teamId, MemberId = roster[k].Id, Role = k == 0 ? "Lead" : "Member",
                            JoinedOn = _yearStart.AddYears(-1), LeftOn = (DateTime?)null, LeaveReason = (string?)null,
                        });
                    }
                }
                for (var i = 0; i < c.TasksClosed + c.TasksOpen; i++)
                {
                    var open = i >= c.TasksClosed;
                    var stage = open ? new[] { "Collected", "Identified", "Assigned", "Resolved" }[r.Next(4)] : "Closed";
                    var closedAt = open ? (DateTime?)null : Second(_yearStart + span * ((i + 0.5) / c.TasksClosed));
                    var collectedAt = open ? Second(now.AddHours(-6 - r.Next(24 * 12))) : Second(closedAt!.Value.AddHours(-(2 + r.Next(60))));
                    if (collectedAt < _yearStart)
                    {
                        collectedAt = _yearStart;
                    }
                    // LateShare in ten closed tasks ran past their 72 hours.
                    var dueAt = !open && r.Next(10) < c.LateShare ? closedAt!.Value.AddHours(-1 - r.Next(24)) : collectedAt.AddHours(72);
                    if (dueAt < collectedAt)
                    {
                        dueAt = collectedAt.AddMinutes(30);
                    }
                    var (category, titles) = TaskTemplates[r.Next(TaskTemplates.Length)];
                    var title = titles[r.Next(titles.Length)];
                    var resident = members[r.Next(members.Count)];
                    var id = await Insert(InsertTaskSql, new
                    {
                        GridId = resident.GridId, ResidentId = (int?)resident.Id, Title = title,
                        Description = $"示例数据：居民反映{title}。", Category = category, Source = "GridVisit", Urgency = (string?)"Normal",
                        Stage = stage, AssignedTeamId = stage is "Assigned" or "Resolved" or "Closed" ? teamIds[r.Next(2)] : (int?)null,
                        DeliberationId = (int?)null, CollectedAt = collectedAt, DueAt = (DateTime?)dueAt, ClosedAt = closedAt,
                        Resolution = stage is "Resolved" or "Closed" ? $"已处理：{title}" : null,
                        Satisfaction = open ? null : (string?)"Satisfied",
                        Result = DemoResult(stage, title, sometimesPartial: true),
                    });
                    await HistoryAsync(id, stage, collectedAt, closedAt ?? now, null, reopened: !open && r.Next(10) < c.ReopenShare);
                }
                for (var i = 0; i < c.WishesFulfilled + c.WishesOpen; i++)
                {
                    var fulfilled = i < c.WishesFulfilled;
                    var fulfilledAt = fulfilled ? Second(_yearStart + span * ((i + 0.5) / c.WishesFulfilled)) : (DateTime?)null;
                    var publishedAt = Second((fulfilledAt ?? now).AddDays(-(1 + r.Next(20))));
                    var claimedAt = publishedAt.AddHours(12);
                    var claimed = fulfilled || r.Next(2) == 0;
                    var (content, value) = WishTemplates[r.Next(WishTemplates.Length)];
                    var status = fulfilled ? "Fulfilled" : claimed ? "Claimed" : "Published";
                    var wishId = await Insert(InsertWishSql, new
                    {
                        GridId = grids[r.Next(grids.Count)], WisherName = Surnames[r.Next(Surnames.Length)] + "阿姨（示例）", WisherKind = "Elderly",
                        Content = content, EstimatedValue = (int?)value, Status = status, PublishedAt = publishedAt,
                        ClaimedAt = claimed ? claimedAt : (DateTime?)null, ClaimantKind = claimed ? "Team" : null,
                        ClaimedByMemberId = (int?)null, ClaimedByTeamId = claimed ? teamIds[0] : (int?)null, ClaimedByPartnerId = (int?)null,
                        FulfilledAt = fulfilledAt, FulfilmentNote = fulfilled ? "示例数据：已送达。" : null,
                    });
                    var path = new[] { "Published", "Claimed", "Fulfilled" };
                    var times = new[] { publishedAt, claimedAt, fulfilledAt ?? now };
                    var last = fulfilled ? 2 : claimed ? 1 : 0;
                    for (var k = 0; k <= last; k++)
                    {
                        await Exec(InsertWishHistorySql, new { WishId = wishId, FromStatus = k == 0 ? null : path[k - 1], ToStatus = path[k], ChangedAt = times[k], Note = (string?)null });
                    }
                }
                // Ledger entries mostly go to the 邻长, so a few of them stay inactive in any given month.
                for (var i = 0; i < c.PointEntries; i++)
                {
                    var member = r.Next(4) == 0 ? members[r.Next(members.Count)].Id : members[r.Next(c.Leads)].Id;
                    AddEntry(member, 1 + r.Next(5), 1 + r.Next(2), _yearStart + span * r.NextDouble(), "Service", note: ServiceNotes[r.Next(ServiceNotes.Length)]);
                }
            }
        }

        private static DateTime Second(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond);

        private async Task HistoryAsync(int taskId, string stage, DateTime start, DateTime end, string? note, bool reopened = false)
        {
            var path = reopened
                ? new[] { "Collected", "Identified", "Assigned", "Resolved", "Assigned", "Resolved", "Closed" }
                : ["Collected", "Identified", "Assigned", "Resolved", "Closed"];
            var last = reopened ? path.Length - 1 : Array.IndexOf(path, stage);
            for (var k = 0; k <= last; k++)
            {
                var at = k == 0 ? start : start + (end - start) * (k / (double)Math.Max(last, 1));
                await Exec(InsertTaskHistorySql, new
                {
                    TaskId = taskId, FromStage = k == 0 ? null : path[k - 1], ToStage = path[k],
                    ChangedAt = new DateTime(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond),
                    Note = k == last ? note : reopened && k == 4 ? "重新分办：居民不满意" : null,
                });
            }
        }

        private async Task WishesAsync()
        {
            var span = now - _yearStart;
            for (var i = 0; i < WishesFulfilledThisYear; i++)
            {
                var fulfilledAt = _yearStart + span * ((i + 0.5) / WishesFulfilledThisYear);
                fulfilledAt = fulfilledAt.AddSeconds(-fulfilledAt.Second);
                await WishAsync(rnd.Next(3) == 0 ? "Visited" : "Fulfilled", fulfilledAt);
            }
            for (var i = 0; i < 5; i++)
            {
                await WishAsync("Fulfilled", _yearStart.AddDays(-5 - i * 30).AddHours(10));
            }
            for (var i = 0; i < 6; i++)
            {
                await WishAsync("Published", null);
            }
            for (var i = 0; i < 5; i++)
            {
                await WishAsync("Claimed", null);
            }
        }

        private async Task WishAsync(string status, DateTime? fulfilledAt)
        {
            var (content, value) = WishTemplates[rnd.Next(WishTemplates.Length)];
            var child = rnd.Next(3) == 0;
            var publishedAt = fulfilledAt is DateTime f
                ? f - TimeSpan.FromHours(24 + rnd.Next(0, 240))
                : now - TimeSpan.FromHours(6 + rnd.Next(0, 200));
            var claimedAt = status == "Published" ? (DateTime?)null : publishedAt + TimeSpan.FromHours(2 + rnd.Next(0, 20));
            var kind = status == "Published" ? null : new[] { "Member", "Team", "Partner" }[rnd.Next(3)];
            int? claimMember = null, claimTeam = null, claimPartner = null;
            switch (kind)
            {
                case "Member": claimMember = _leads[rnd.Next(_leads.Count)]; break;
                case "Team": claimTeam = _teams[VolunteerTeams[rnd.Next(VolunteerTeams.Length)]]; break;
                case "Partner": claimPartner = _partners[rnd.Next(_partners.Count)]; break;
            }
            var grid = _grids[rnd.Next(_grids.Count)];
            var wisher = Surnames[rnd.Next(Surnames.Length)] + (child ? "小朋友" : rnd.Next(2) == 0 ? "伯" : "姨");
            var id = await Insert(InsertWishSql, new
            {
                GridId = grid, WisherName = wisher, WisherKind = child ? "Child" : "Elderly",
                Content = content, EstimatedValue = (int?)value, Status = status,
                PublishedAt = publishedAt, ClaimedAt = claimedAt, ClaimantKind = kind,
                ClaimedByMemberId = claimMember, ClaimedByTeamId = claimTeam, ClaimedByPartnerId = claimPartner,
                FulfilledAt = fulfilledAt,
                FulfilmentNote = fulfilledAt is null ? null : $"已送达：{content}",
            });
            var path = new[] { "Published", "Claimed", "Fulfilled", "Visited" };
            var visitedAt = (fulfilledAt ?? now).AddDays(2);
            var times = new[] { publishedAt, claimedAt ?? now, fulfilledAt ?? now, visitedAt > now ? now : visitedAt };
            for (var k = 0; k <= Array.IndexOf(path, status); k++)
            {
                await Exec(InsertWishHistorySql, new
                {
                    WishId = id, FromStatus = k == 0 ? null : path[k - 1], ToStatus = path[k], ChangedAt = times[k], Note = (string?)null,
                });
            }
            if (claimMember is int claimer && fulfilledAt is DateTime done)
            {
                AddEntry(claimer, 3, 1, done, "Wish", ruleId: 1, wishId: id, note: $"认领微心愿：{content}");
            }
        }

        private async Task RewardsAsync()
        {
            (string Name, int Cost, string Description)[] rewards =
            [
                ("理发", 5, "社区义剪服务一次"), ("补鞋", 3, "补鞋服务一次"), ("修锁", 4, "上门修锁一次"), ("家政", 10, "家政保洁两小时"),
            ];
            var ids = new List<(int Id, int Cost, string Name)>();
            foreach (var r in rewards)
            {
                ids.Add((await Insert(InsertRewardSql, new { CommunityId = _communityId, r.Name, PointCost = r.Cost, r.Description }), r.Cost, r.Name));
            }
            // A few riders and 邻长 exchange points; each redemption stays within what they earned this year.
            var earned = _entries
                .Where(e => e.OccurredOn >= _yearStart)
                .GroupBy(e => e.MemberId)
                .ToDictionary(g => g.Key, g => g.Sum(e => e.Points));
            var redeemers = _rosters[_teams["新火先锋队"]].Take(4).Concat(_leads.Take(3)).Distinct().ToList();
            var n = 0;
            foreach (var member in redeemers)
            {
                var (rewardId, cost, name) = ids[n % ids.Count];
                if (earned.GetValueOrDefault(member) < cost)
                {
                    continue;
                }
                var requestedAt = now.Date.AddDays(-(n * 9 + 2)).AddHours(10);
                if (requestedAt < _yearStart)
                {
                    requestedAt = now;
                }
                var fulfilled = n % 3 != 0;
                var redemptionId = await Insert(InsertRedemptionSql, new
                {
                    MemberId = member, RewardId = rewardId, Points = cost, IdempotencyKey = $"demo-{n}",
                    Status = fulfilled ? "Fulfilled" : "Pending", RequestedAt = requestedAt,
                    FulfilledAt = fulfilled ? (DateTime?)requestedAt.AddDays(1) : null,
                });
                AddEntry(member, 3, -cost, requestedAt, "Redemption", redemptionId: redemptionId, note: $"兑换{name}");
                n++;
            }
        }
    }
}
