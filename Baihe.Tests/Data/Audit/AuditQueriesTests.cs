using Baihe.Data.Accounts;
using Baihe.Data.Audit;
using Baihe.Data.Database;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Audit;

/// <summary>The audit viewer's query on a real database: each filter, each role's scope, and the indexes behind them.</summary>
public class AuditQueriesTests
{
    private static readonly DateTime Day = new(2027, 3, 10, 9, 0, 0);

    /// <summary>
    /// The demo with accounts, plus a community in another 街道 and a handful of rows: shuji (百合园, community 1) edits
    /// a member twice, a lead is refused on another community's team, admin creates an account, someone in the other
    /// 街道 edits its team.
    /// </summary>
    private static async Task<(TestDatabase Db, AuditQueries Queries, int OtherCommunity)> SetUpAsync()
    {
        var db = await TestDatabase.WithAccountsAsync();
        await using var conn = await db.Factory.OpenAsync();
        var sub = await conn.ExecuteScalarAsync<int>("INSERT INTO SubDistrict (Name, District, City) VALUES ('银西街道', '某区', '某市'); SELECT last_insert_rowid();");
        var other = await conn.ExecuteScalarAsync<int>("INSERT INTO Community (SubDistrictId, Name) VALUES (@sub, '远方社区'); SELECT last_insert_rowid();", new { sub });
        var otherTeam = await conn.ExecuteScalarAsync<int>("""
            INSERT INTO Team (CommunityId, BrandId, Name, Kind, SortOrder) VALUES (@other, (SELECT MIN(Id) FROM Brand), '远方队', 'VolunteerService', 1);
            SELECT last_insert_rowid();
            """, new { other });
        var shuji = await db.ActorAsync("shuji");
        var admin = await db.ActorAsync("admin");
        var member = await conn.ExecuteScalarAsync<int>("SELECT MIN(m.Id) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1;");
        var team2 = await conn.ExecuteScalarAsync<int>("SELECT MIN(Id) FROM Team WHERE CommunityId = 2;");
        await Journal.AuditAsync(conn, null, shuji, Day, "Member.EditContact", "Member", member, new { Phone = "13800001111" }, new { Phone = "13900002222" });
        await Journal.AuditAsync(conn, null, shuji, Day.AddDays(2), "Member.EditContact", "Member", member, new { Phone = "13900002222" }, new { Phone = "13700003333" });
        await Journal.AuditAsync(conn, null, await db.ActorAsync("jinjiejie"), Day.AddDays(3), "Denied:Roster.AddMember", "Team", team2, null, new { Name = "张三" });
        await Journal.AuditAsync(conn, null, admin, Day.AddDays(4), "User.Create", "AppUser", 99, null, new { UserName = "new" });
        await Journal.AuditAsync(conn, null, new Actor(0, "远方书记", Roles.Secretary, sub, other, null), Day.AddDays(5), "Roster.AddMember", "Team", otherTeam, null, null);
        return (db, new AuditQueries(db.Factory), other);
    }

    private static async Task<ListPage<AuditRow>> PageAsync(TestDatabase db, AuditQueries q, string user, AuditFilter filter) =>
        await q.PageAsync(await db.ActorAsync(user), filter, 1, 100);

    /// <summary>The rows this class wrote (the demo seed leaves audit rows of its own, e.g. account creation).</summary>
    private static List<AuditRow> Ours(ListPage<AuditRow> page) => page.Rows.Where(r => r.OccurredAt >= Day).ToList();

    [Fact]
    public async Task PersonFilter_ReturnsOnlyThatPersonsRows()
    {
        var (db, q, _) = await SetUpAsync();
        await using var _ = db;

        var page = await PageAsync(db, q, "admin", new AuditFilter(Person: "shuji"));

        Assert.Equal(2, Ours(page).Count);
        Assert.All(page.Rows, r => Assert.Equal("shuji", r.UserName));
    }

    [Fact]
    public async Task ActionFilter_MatchesOneCode_AndAllRefusalsMatchesEveryDeniedRow()
    {
        var (db, q, _) = await SetUpAsync();
        await using var _ = db;

        var edits = await PageAsync(db, q, "admin", new AuditFilter(Action: "Member.EditContact"));
        var refusals = await PageAsync(db, q, "admin", new AuditFilter(Action: AuditFilter.AllRefusals));

        Assert.Equal(2, edits.Total);
        Assert.Equal("Denied:Roster.AddMember", Assert.Single(Ours(refusals)).Action);
        Assert.All(refusals.Rows, r => Assert.StartsWith("Denied:", r.Action));
        Assert.Contains("Denied:Roster.AddMember", await q.ActionsAsync());
    }

    [Fact]
    public async Task AreaFilter_MatchesTheAreasActionsAndItsRefusals()
    {
        var (db, q, _) = await SetUpAsync();
        await using var _ = db;

        var roster = Ours(await PageAsync(db, q, "admin", new AuditFilter(Area: "Roster")));

        Assert.Equal(["Roster.AddMember", "Denied:Roster.AddMember"], roster.Select(r => r.Action));
    }

    [Fact]
    public async Task AWideView_IsCountedUpToTheCap_AndItsPagesStopAtTheCap()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using (var conn = await db.Factory.OpenAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            var shuji = await db.ActorAsync("shuji");
            for (var i = 0; i < AuditQueries.CountCap + 5; i++)
            {
                await Journal.AuditAsync(conn, tx, shuji, Day.AddSeconds(i), "Points.RecordService", "Community", 1, null, null);
            }
            await tx.CommitAsync();
        }
        var q = new AuditQueries(db.Factory);
        var admin = await db.ActorAsync("admin");

        var first = await q.PageAsync(admin, new AuditFilter(Action: "Points.RecordService"), 1, 50);
        var past = await q.PageAsync(admin, new AuditFilter(Action: "Points.RecordService"), 10_000, 50);
        var under = await q.PageAsync(admin, new AuditFilter(Action: "User.Create"), 1, 50);

        // CountCap + 1 says "more than the cap"; the newest row comes first; a page number past the cap shows the last one.
        Assert.Equal(AuditQueries.CountCap + 1, first.Total);
        Assert.Equal(Day.AddSeconds(AuditQueries.CountCap + 4), first.Rows[0].OccurredAt);
        Assert.Equal(AuditQueries.CountCap / 50 + 1, past.Page);
        Assert.Equal(5, past.Rows.Count);   // rows 10,001–10,005 of 10,005
        // Under the cap the count is exact: the demo accounts' creation rows.
        Assert.Equal(under.Rows.Count, under.Total);
        Assert.InRange(under.Total, 5, 50);
    }

    [Fact]
    public async Task RecordFilter_ReturnsThatRecordsHistoryNewestFirst()
    {
        var (db, q, _) = await SetUpAsync();
        await using var _ = db;
        var member = Ours(await PageAsync(db, q, "admin", new AuditFilter(Person: "shuji")))[0].EntityId!;

        var history = await q.HistoryAsync(await db.ActorAsync("admin"), "Member", int.Parse(member));

        Assert.Equal([Day.AddDays(2), Day], history.Select(r => r.OccurredAt));
    }

    [Fact]
    public async Task DateRange_IncludesBothEndDays()
    {
        var (db, q, _) = await SetUpAsync();
        await using var _ = db;

        var page = await PageAsync(db, q, "admin", new AuditFilter(From: DateOnly.FromDateTime(Day.AddDays(2)), To: DateOnly.FromDateTime(Day.AddDays(3))));

        Assert.Equal([Day.AddDays(3), Day.AddDays(2)], page.Rows.Select(r => r.OccurredAt));
    }

    [Fact]
    public async Task Secretary_NeverSeesAnotherCommunitysRows()
    {
        var (db, q, other) = await SetUpAsync();
        await using var _ = db;

        var all = await PageAsync(db, q, "shuji", AuditFilter.None);
        var asked = await PageAsync(db, q, "shuji", new AuditFilter(CommunityId: other));

        Assert.NotEmpty(all.Rows);
        Assert.All(all.Rows, r => Assert.Equal(1, r.CommunityId));
        Assert.DoesNotContain(all.Rows, r => r.Action.StartsWith("Denied:Roster", StringComparison.Ordinal) || r.Action == "User.Create");
        Assert.Empty(asked.Rows);
    }

    [Fact]
    public async Task Official_SeesTheirSubDistrictOnly_AdminSeesAll_LeadSeesNothing()
    {
        var (db, q, other) = await SetUpAsync();
        await using var _ = db;

        var official = Ours(await PageAsync(db, q, "jiedao", AuditFilter.None));
        var admin = Ours(await PageAsync(db, q, "admin", AuditFilter.None));
        var lead = await PageAsync(db, q, "jinjiejie", AuditFilter.None);

        Assert.Equal(["Denied:Roster.AddMember", "Member.EditContact", "Member.EditContact"], official.Select(r => r.Action));
        Assert.Equal(5, admin.Count);
        Assert.Contains(admin, r => r.CommunityId == other);
        Assert.Empty(lead.Rows);
        Assert.Equal(0, lead.Total);
    }

    [Fact]
    public async Task RefusalOnAnotherCommunitysTeam_IsFiledUnderTheTeamsCommunity()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var teams = await new TeamQueries(db.Factory).ListAsync(1);
        var yinhui = teams.Single(t => t.Name == "银辉先锋").Id;
        var lead = await db.ActorAsync("jinjiejie");

        await Assert.ThrowsAsync<AccessDeniedException>(() => new RosterCommands(db.Factory, db.Clock).AddMemberAsync(lead, yinhui,
            new AddMemberRequest { Name = "试探", GridId = 1, Role = RosterRole.Member, JoinedOn = db.Clock.Today }));

        var row = Assert.Single((await new AuditQueries(db.Factory).PageAsync(await db.ActorAsync("admin"),
            new AuditFilter(Action: AuditFilter.AllRefusals, EntityType: "Team", EntityId: yinhui.ToString()), 1, 10)).Rows);
        Assert.Equal(("jinjiejie", "Denied:Roster.AddMember", 1), (row.UserName, row.Action, row.CommunityId));
    }

    public static TheoryData<string, string> SingleFilters() => new()
    {
        { "default", "IX_AuditLog_OccurredAt" },
        { "person", "IX_AuditLog_UserName" },
        { "action", "IX_AuditLog_Action" },
        { "refusals", "IX_AuditLog_Refused" },
        { "area", "IX_AuditLog_Area" },
        { "record", "IX_AuditLog_EntityTime" },
        { "dates", "IX_AuditLog_OccurredAt" },
        { "community", "IX_AuditLog_CommunityId" },
    };

    [Theory]
    [MemberData(nameof(SingleFilters))]
    public async Task DefaultPageAndEachSingleFilter_ReadThroughAnIndex(string filterName, string index)
    {
        await using var db = await TestDatabase.CreateAsync();
        var filter = filterName switch
        {
            "person" => new AuditFilter(Person: "shuji"),
            "action" => new AuditFilter(Action: "Roster.AddMember"),
            "refusals" => new AuditFilter(Action: AuditFilter.AllRefusals),
            "area" => new AuditFilter(Area: "Roster"),
            "record" => new AuditFilter(EntityType: "Team", EntityId: "3"),
            "dates" => new AuditFilter(From: new DateOnly(2027, 1, 1), To: new DateOnly(2027, 1, 31)),
            "community" => new AuditFilter(CommunityId: 1),
            _ => AuditFilter.None,
        };
        var (where, args) = AuditQueries.Where(new AuditView(true, null, null), filter);
        args.Add("Skip", 0);
        args.Add("Take", 50);
        await using var conn = await db.Factory.OpenAsync();

        var plan = string.Join("\n", (await conn.QueryAsync<(long, long, long, string Detail)>(
            "EXPLAIN QUERY PLAN " + AuditQueries.SelectFragment + where + AuditQueries.OrderFragment + AuditQueries.PagingSqliteFragment, args)).Select(r => r.Detail));

        Assert.Contains(index, plan);
        Assert.DoesNotMatch(@"SCAN a(\n|$)", plan);
        // The index hands the rows over newest first: a page never sorts every matching row (at 1M rows, the prefix
        // filters that did took 200–400 ms).
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }
}
