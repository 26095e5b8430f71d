using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Members;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Members;

public class MemberListQueriesTests
{
    private static MemberListQueries Queries(TestDatabase db) => new(db.Factory, new CommunityQueries(db.Factory, db.Clock), db.Clock);

    private static MemberListFilter Filter(string? community = null, string? q = null, string? grid = null, string? team = null,
        string? lead = null, string? party = null, string? page = null)
    {
        var problems = new List<string>();
        var filter = MemberListFilter.Parse(community, q, grid, team, lead, party, page, problems);
        Assert.Empty(problems);
        return filter;
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheSecretary_PagesThroughTheWholeRegister_InSqlPages(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var shuji = await db.ActorAsync("shuji");
        var people = await new PeopleQueries(db.Factory).CountsAsync(1, db.Clock.Now);

        var first = await Queries(db).ListAsync(shuji, Filter());
        var second = await Queries(db).ListAsync(shuji, Filter(page: "2"));

        Assert.Equal(people.Registered, first.Page.Total);
        Assert.Equal(MemberListFilter.PageSize, first.Page.Rows.Count);
        Assert.Equal(2, second.Page.Page);
        Assert.Empty(first.Page.Rows.Select(r => r.MemberId).Intersect(second.Page.Rows.Select(r => r.MemberId)));
        // The secretary keeps the register: whole numbers.
        Assert.All(first.Page.Rows, r => Assert.DoesNotContain("*", r.Phone));
        // On a team or not: everyone on a roster is the 在册人数.
        var onTeams = await Queries(db).ListAsync(shuji, Filter(team: "none"));
        Assert.Equal(people.Registered - people.OnRoster, onTeams.Page.Total);
        Assert.All(onTeams.Page.Rows, r => Assert.Empty(r.Teams));
    }

    [Fact]
    public async Task KeywordGridTeamAndFlags_FilterInSql()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var q = Queries(db);
        await using var conn = await db.Factory.OpenAsync();
        var someone = await conn.QuerySingleAsync<(long Id, string Name, string Phone, long GridId)>(
            "SELECT m.Id, m.Name, m.Phone, m.GridId FROM Member m WHERE m.GridId = 2 AND m.Phone IS NOT NULL ORDER BY m.Id LIMIT 1;");

        var byName = await q.ListAsync(shuji, Filter(q: someone.Name));
        Assert.Contains(byName.Page.Rows, r => r.MemberId == someone.Id);
        Assert.All(byName.Page.Rows, r => Assert.Contains(someone.Name, r.Name));
        var byTail = await q.ListAsync(shuji, Filter(q: someone.Phone[7..]));
        Assert.Contains(byTail.Page.Rows, r => r.MemberId == someone.Id);
        Assert.All(byTail.Page.Rows, r => Assert.EndsWith(someone.Phone[7..], r.Phone));

        var grid = await q.ListAsync(shuji, Filter(grid: someone.GridId.ToString()));
        Assert.Equal(await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Member WHERE GridId = @GridId;", new { someone.GridId }), grid.Page.Total);

        var leads = await q.ListAsync(shuji, Filter(lead: "1"));
        Assert.Equal(22, leads.Page.Total);
        var partyLeads = await q.ListAsync(shuji, Filter(lead: "1", party: "1"));
        Assert.Equal(await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1 AND m.IsNeighbourLead = 1 AND m.IsPartyMember = 1;"),
            partyLeads.Page.Total);

        var teamId = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Team WHERE Name = '金姐姐';");
        var team = await q.ListAsync(shuji, Filter(team: teamId.ToString()));
        Assert.Equal(await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Membership WHERE TeamId = @teamId AND LeftOn IS NULL;", new { teamId }), team.Page.Total);
        Assert.All(team.Page.Rows, r => Assert.Contains("金姐姐", r.Teams));
    }

    [Fact]
    public async Task PhonesAreMasked_ForTheOfficial_AndForALeadOutsideTheirTeam_AndTheirSearchMatchesOnlyTheTail()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var official = await db.ActorAsync("jiedao");
        var lead = await db.ActorAsync("jinjiejie");
        await using var conn = await db.Factory.OpenAsync();
        var phone = await conn.ExecuteScalarAsync<string>("SELECT m.Phone FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1 AND m.Phone IS NOT NULL ORDER BY m.Id LIMIT 1;");

        var seen = await Queries(db).ListAsync(official, Filter(community: "1"));
        Assert.All(seen.Page.Rows, r => Assert.Matches(@"^\d{3}\*{4}\d{4}$", r.Phone));
        // The middle digits cannot be found by searching for them.
        Assert.Equal(0, (await Queries(db).ListAsync(official, Filter(community: "1", q: phone![..7]))).Page.Total);
        Assert.NotEqual(0, (await Queries(db).ListAsync(official, Filter(community: "1", q: phone[7..]))).Page.Total);

        var mine = await Queries(db).ListAsync(lead, Filter(team: lead.TeamId!.Value.ToString()));
        Assert.All(mine.Page.Rows, r => Assert.DoesNotContain("*", r.Phone));
        var others = await Queries(db).ListAsync(lead, Filter(team: "none"));
        Assert.All(others.Page.Rows, r => Assert.Contains("****", r.Phone));
    }

    [Fact]
    public async Task ASecretary_SeesOnlyTheirCommunity_AndAForgedCommunityIdIsRefused()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");

        var own = await Queries(db).ListAsync(shuji, Filter());
        var forged = await Queries(db).ListAsync(shuji, Filter(community: "3"));

        Assert.Equal(1, own.Community!.Id);
        Assert.Null(forged.Community);
        Assert.Equal(CommunityChoice.Refused, forged.Refusal);
        Assert.Empty(forged.Page.Rows);
        Assert.Equal(0, forged.Page.Total);
    }

    [Fact]
    public async Task BadLinkValues_AreExplained_AndAPageBeyondTheEndShowsTheLastPage()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var problems = new List<string>();
        var filter = MemberListFilter.Parse(null, null, "x", "9999", "maybe", null, "0", problems);
        Assert.Equal(3, problems.Count);
        Assert.Equal(9999, filter.TeamId);
        Assert.Equal(1, filter.Page);

        var list = await Queries(db).ListAsync(shuji, filter, problems);
        Assert.Contains(list.Problems, p => p.Contains("队伍不属于本社区"));
        Assert.Equal(await new PeopleQueries(db.Factory).CountsAsync(1, db.Clock.Now) is { } c ? c.Registered : 0, list.Page.Total);

        var far = await Queries(db).ListAsync(shuji, Filter(page: "500"));
        Assert.Equal(far.Page.PageCount, far.Page.Page);
        Assert.NotEmpty(far.Page.Rows);
        Assert.Contains(far.Problems, p => p.Contains("页码"));
    }
}
