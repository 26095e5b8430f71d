using Baihe.Data.Database;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Teams;

/// <summary>The roster page's reads on a real database: search, filters, order, paging, member links and history.</summary>
public class RosterQueriesTests
{
    private static async Task<(TestDatabase Db, RosterQueries Lists, RosterCommands Roster, int Jin, int Yin)> SetUpAsync()
    {
        var db = await TestDatabase.WithAccountsAsync();
        var teams = await new TeamQueries(db.Factory).ListAsync(1);
        return (db, new RosterQueries(db.Factory, db.Clock), new RosterCommands(db.Factory, db.Clock),
            teams.Single(t => t.Name == "金姐姐").Id, teams.Single(t => t.Name == "银辉先锋").Id);
    }

    private static async Task<List<RosterRow>> EveryoneAsync(RosterQueries lists, int team, RosterFilter filter)
    {
        var all = new List<RosterRow>();
        for (var page = 1; ; page++)
        {
            var rows = await lists.PageAsync(team, filter with { Page = page });
            all.AddRange(rows.Rows);
            if (page >= rows.PageCount)
            {
                return all;
            }
        }
    }

    [Fact]
    public async Task Search_FindsMembersByName_ByPhoneTail_AndByGrid_OnlyOnThisTeam()
    {
        var (db, lists, _, jin, _) = await SetUpAsync();
        await using var _ = db;
        var everyone = await EveryoneAsync(lists, jin, new RosterFilter());
        var withPhone = everyone.First(r => r.Phone is not null);
        var grid = everyone.GroupBy(r => r.Grid).OrderBy(g => g.Count()).First();

        var byName = await lists.PageAsync(jin, RosterFilter.Parse(withPhone.Name[1..], null, null, null, null));
        var byTail = await lists.PageAsync(jin, RosterFilter.Parse(withPhone.Phone![^4..], null, null, null, null));
        var byGrid = await EveryoneAsync(lists, jin, RosterFilter.Parse(grid.Key, null, null, null, null));
        var byMiddle = await lists.PageAsync(jin, RosterFilter.Parse(withPhone.Phone![3..7] + withPhone.Phone[7..8], null, null, null, null));

        Assert.Contains(byName.Rows, r => r.MemberId == withPhone.MemberId);
        Assert.All(byName.Rows, r => Assert.Contains(withPhone.Name[1..], r.Name + r.Grid));
        Assert.Contains(byTail.Rows, r => r.MemberId == withPhone.MemberId);
        Assert.All(byTail.Rows, r => Assert.EndsWith(withPhone.Phone[^4..], r.Phone));
        Assert.Equal(grid.Select(r => r.MembershipId).Order(), byGrid.Select(r => r.MembershipId).Order());
        // Five digits are not a tail search: hidden middle digits must not be searchable.
        Assert.DoesNotContain(byMiddle.Rows, r => r.MemberId == withPhone.MemberId && !r.Name.Contains(withPhone.Phone[3..8]));
    }

    [Fact]
    public async Task RoleAndStatusFilters_AndEveryOrder_AreAppliedInSql()
    {
        var (db, lists, roster, jin, _) = await SetUpAsync();
        await using var _ = db;
        var lead = await db.ActorAsync("jinjiejie");
        var everyone = await EveryoneAsync(lists, jin, new RosterFilter());
        var leaver = everyone.Last(r => r.Role != RosterRole.Lead);
        var leftBefore = (await lists.PageAsync(jin, RosterFilter.Parse(null, null, "left", null, null))).Total;
        Assert.True((await roster.RecordLeaveAsync(lead, leaver.MembershipId, db.Clock.Today, "搬家", leaver.MembershipVersion)).Ok);

        var leads = await lists.PageAsync(jin, RosterFilter.Parse(null, "lead", null, null, null));
        var active = await EveryoneAsync(lists, jin, new RosterFilter());
        var left = await lists.PageAsync(jin, RosterFilter.Parse(null, null, "left", null, null));
        var all = await EveryoneAsync(lists, jin, RosterFilter.Parse(null, null, "all", null, null));
        var byName = await EveryoneAsync(lists, jin, RosterFilter.Parse(null, null, null, "name", null));
        var byPoints = await EveryoneAsync(lists, jin, RosterFilter.Parse(null, null, null, "points", null));
        var byJoined = await EveryoneAsync(lists, jin, RosterFilter.Parse(null, null, null, "joined", null));

        Assert.Equal(RosterRole.Lead, Assert.Single(leads.Rows).Role);
        Assert.Equal(everyone.Count - 1, active.Count);
        Assert.DoesNotContain(active, r => r.MembershipId == leaver.MembershipId);
        Assert.Equal(leftBefore + 1, left.Total);
        Assert.All(left.Rows, r => Assert.NotNull(r.LeftOn));
        var gone = Assert.Single(left.Rows, r => r.MembershipId == leaver.MembershipId);
        Assert.Equal("搬家", gone.LeaveReason);
        Assert.Equal(everyone.Count + leftBefore, all.Count);
        Assert.Equal(byName.Select(r => r.Name).Order(StringComparer.Ordinal), byName.Select(r => r.Name));
        Assert.Equal(byPoints.Select(r => r.Points).OrderDescending(), byPoints.Select(r => r.Points));
        Assert.Contains(byPoints, r => r.Points > 0);
        Assert.Equal(byJoined.Select(r => r.JoinedOn).Order(), byJoined.Select(r => r.JoinedOn));
    }

    [Fact]
    public async Task Paging_ServesTwentyAPage_AndAPagePastTheEndShowsTheLast()
    {
        var (db, lists, _, _, yin) = await SetUpAsync();
        await using var _ = db;
        await Baihe.Tests.Dashboard.Host.SessionAndCircuitStateTests.AddMembersAsync(db.File, "银辉先锋", 45);

        var first = await lists.PageAsync(yin, new RosterFilter());
        var beyond = await lists.PageAsync(yin, RosterFilter.Parse(null, null, null, null, "99"));

        Assert.Equal(RosterFilter.PageSize, first.Rows.Count);
        Assert.True(first.Total >= 45);
        Assert.Equal(first.PageCount, beyond.Page);
        Assert.Equal(first.Total - (first.PageCount - 1) * RosterFilter.PageSize, beyond.Rows.Count);
    }

    [Fact]
    public void BadLinkValues_FallBackToDefaults_WithAChineseProblemEach()
    {
        var filter = RosterFilter.Parse("  王  ", "Boss", "gone", "age", "-3");

        Assert.Equal(("王", null, RosterFilter.Active, "role", 1), (filter.Query, filter.Role, filter.Status, filter.Sort, filter.Page));
        Assert.Equal(4, filter.Problems.Count);
        Assert.Contains(filter.Problems, p => p.Contains("角色“Boss”"));
        Assert.Contains(filter.Problems, p => p.Contains("页码“-3”"));
    }

    [Fact]
    public async Task History_ListsJoinRoleContactAndLeave_WithWhoBeforeAndAfter()
    {
        var (db, lists, roster, jin, _) = await SetUpAsync();
        await using var _ = db;
        var lead = await db.ActorAsync("jinjiejie");
        var added = await roster.AddMemberAsync(lead, jin, new AddMemberRequest { Name = "史记录", Phone = "13900001111", GridId = 1, JoinedOn = db.Clock.Today });
        Assert.True(added.Ok, added.Error);
        var row = (await lists.PageAsync(jin, RosterFilter.Parse("史记录", null, null, null, null))).Rows.Single();
        Assert.True((await roster.ChangeRoleAsync(lead, row.MembershipId, RosterRole.Deputy, row.MembershipVersion)).Ok);
        Assert.True((await roster.EditContactAsync(lead, jin, row.MemberId, "史记录", "13922223333", row.MemberVersion)).Ok);
        row = (await lists.MemberAsync(jin, row.MemberId))!;
        Assert.True((await roster.RecordLeaveAsync(lead, row.MembershipId, db.Clock.Today, "工作调动", row.MembershipVersion)).Ok);

        var changes = (await lists.ChangesAsync(jin, fullPhones: true)).Rows.Where(c => c.MemberName == "史记录").ToList();
        var masked = (await lists.ChangesAsync(jin, fullPhones: false)).Rows.Single(c => c.MemberName == "史记录" && c.Kind == RosterChange.ContactChange);

        Assert.Equal([RosterChange.Leave, RosterChange.ContactChange, RosterChange.RoleChange, RosterChange.Join], changes.Select(c => c.Kind));
        Assert.All(changes, c => Assert.Equal("金姐姐队长（演示）", c.ChangedBy));
        var join = changes.Single(c => c.Kind == RosterChange.Join);
        Assert.Null(join.Before);
        Assert.Equal($"队员，入队日期 {db.Clock.Today:yyyy-MM-dd}", join.After);
        var role = changes.Single(c => c.Kind == RosterChange.RoleChange);
        Assert.Equal(("队员", "副队长"), (role.Before, role.After));
        var contact = changes.Single(c => c.Kind == RosterChange.ContactChange);
        Assert.Equal(("电话 13900001111", "电话 13922223333"), (contact.Before, contact.After));
        Assert.Equal(("电话 139****1111", "电话 139****3333"), (masked.Before, masked.After));
        var leave = changes.Single(c => c.Kind == RosterChange.Leave);
        Assert.Equal(("在册（副队长）", $"离队日期 {db.Clock.Today:yyyy-MM-dd}，原因：工作调动"), (leave.Before, leave.After));
        Assert.DoesNotContain(changes, c => (c.Before + c.After).Contains('{'));
    }

    [Fact]
    public async Task History_MakingSomeoneLead_ListsTheOldLeadsDemotionToo()
    {
        var (db, lists, roster, jin, _) = await SetUpAsync();
        await using var _ = db;
        var shuji = await db.ActorAsync("shuji");
        var everyone = await EveryoneAsync(lists, jin, new RosterFilter());
        var oldLead = everyone.Single(r => r.Role == RosterRole.Lead);
        var next = everyone.First(r => r.Role == RosterRole.Member);

        Assert.True((await roster.ChangeRoleAsync(shuji, next.MembershipId, RosterRole.Lead, next.MembershipVersion)).Ok);

        var roles = (await lists.ChangesAsync(jin, fullPhones: true)).Rows.Where(c => c.Kind == RosterChange.RoleChange).ToList();
        Assert.Contains(roles, c => c.MemberName == oldLead.Name && c.Before == "队长" && c.After == "副队长");
        Assert.Contains(roles, c => c.MemberName == next.Name && c.Before == "队员" && c.After == "队长");
        Assert.All(roles, c => Assert.Equal("社区书记（演示）", c.ChangedBy));
        // Seeded memberships predate the audit trail: their joins still show, with the day they took effect.
        Assert.Contains((await lists.ChangesAsync(jin, fullPhones: true, page: 2)).Rows, c => c.Kind == RosterChange.Join && c.ChangedBy is null);
    }

    [Fact]
    public async Task MemberLink_ForAnotherTeamsLead_OrAMemberNotOnTheTeam_IsRefusedAndAudited_NeverAnotherRow()
    {
        var (db, lists, _, jin, yin) = await SetUpAsync();
        await using var _ = db;
        var lead = await db.ActorAsync("jinjiejie");
        var own = (await lists.PageAsync(jin, new RosterFilter())).Rows[3];
        var onJin = (await EveryoneAsync(lists, jin, new RosterFilter())).Select(r => r.MemberId).ToHashSet();
        var other = (await EveryoneAsync(lists, yin, new RosterFilter())).First(r => !onJin.Contains(r.MemberId));

        var opened = await lists.OpenMemberAsync(lead, new TeamScope(jin, 1), own.MemberId);
        var foreignTeam = await lists.OpenMemberAsync(lead, new TeamScope(yin, 1), other.MemberId);
        var foreignMember = await lists.OpenMemberAsync(lead, new TeamScope(jin, 1), other.MemberId);
        var forged = await lists.OpenMemberAsync(lead, new TeamScope(jin, 1), 987654);

        Assert.Equal(own.MembershipId, opened.Row?.MembershipId);
        Assert.Equal((null, RosterQueries.NotYourTeam), (foreignTeam.Row, foreignTeam.Refusal));
        Assert.Equal((null, RosterQueries.NotOnTeam), (foreignMember.Row, foreignMember.Refusal));
        Assert.Equal((null, RosterQueries.NotOnTeam), (forged.Row, forged.Refusal));
        await using var conn = await db.Factory.OpenAsync();
        var audited = (await conn.QueryAsync<string>(
            "SELECT EntityId FROM AuditLog WHERE Action = 'Denied:Roster.OpenMember' AND UserName = 'jinjiejie' ORDER BY Id;")).ToList();
        Assert.Equal([other.MemberId.ToString(), other.MemberId.ToString(), "987654"], audited);
    }
}
