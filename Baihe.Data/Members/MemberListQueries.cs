using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Residents;
using Dapper;

namespace Baihe.Data.Members;

/// <summary>
/// Reads the /members list: the residents of one community the actor may read (<see cref="CommunityQueries.ResolveAsync"/>
/// refuses a forged or foreign community id), filtered and paged in SQL, phones masked by <see cref="MemberRules"/>.
/// </summary>
public sealed class MemberListQueries(DbConnectionFactory db, CommunityQueries communities, BaiheClock clock)
{
    private const string FromFragment = """
        FROM Member m
        JOIN Grid g ON g.Id = m.GridId
        WHERE g.CommunityId = @CommunityId
          AND (@GridId IS NULL OR m.GridId = @GridId)
          AND (@LeadsOnly = 0 OR m.IsNeighbourLead = 1)
          AND (@PartyOnly = 0 OR m.IsPartyMember = 1)
          AND (@Q IS NULL OR m.Name LIKE @Q ESCAPE '\' OR (@PhoneQ IS NOT NULL AND m.Phone LIKE @PhoneQ ESCAPE '\'))
          AND (@TeamId IS NULL OR EXISTS (SELECT 1 FROM Membership ms
                                          WHERE ms.MemberId = m.Id AND ms.TeamId = @TeamId AND 
        """ + PeopleSql.OnRosterFragment + """
        ))
          AND (@WithoutTeam = 0 OR NOT EXISTS (SELECT 1 FROM Membership ms WHERE ms.MemberId = m.Id AND 
        """ + PeopleSql.OnRosterFragment + """
        ))
        """;

    private const string CountSql = "SELECT COUNT(*)\n" + FromFragment + ";";

    private const string RowsFragment = """
        SELECT m.Id AS MemberId, m.Name, m.GridId, g.Name AS Grid, m.Phone, m.IsPartyMember, m.IsNeighbourLead, m.Skill

        """ + FromFragment + """

        ORDER BY m.Name, m.Id
        """;

    private const string RowsSqlite = RowsFragment + "\nLIMIT @Take OFFSET @Skip;";

    private const string RowsSqlServer = RowsFragment + "\nOFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    // The community's current memberships (a few hundred rows), for the team names of the page's residents and their
    // phone rule: one read instead of one per row, and no engine-specific list parameter.
    private const string MembershipsSql = """
        SELECT ms.MemberId, t.Id AS TeamId, t.Name AS Team
        FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
        WHERE t.CommunityId = @CommunityId AND 
        """ + PeopleSql.OnRosterFragment + """

        ORDER BY t.SortOrder, t.Id;
        """;

    private const string TeamsSql = """
        SELECT t.Id, t.Name FROM Team t WHERE t.CommunityId = @CommunityId ORDER BY t.SortOrder, t.Id;
        """;

    private sealed record Membership
    {
        public int MemberId { get; init; }
        public int TeamId { get; init; }
        public string Team { get; init; } = "";
    }

    /// <summary>
    /// One page of the residents matching <paramref name="filter"/>. A community id the actor may not read is refused
    /// (and audited) with an empty page; a grid or team id that is not the community's adds a problem and is dropped.
    /// </summary>
    public async Task<MemberList> ListAsync(Actor? actor, MemberListFilter filter, IReadOnlyList<string>? linkProblems = null,
        CancellationToken ct = default)
    {
        var problems = new List<string>(linkProblems ?? []);
        var empty = new ListPage<MemberListRow>([], 0, 1, MemberListFilter.PageSize);
        var (community, refusal) = await communities.ResolveAsync(filter.CommunityId, actor, ct);
        if (community is null || actor is null)
        {
            return new MemberList(null, refusal, empty, [], [], problems);
        }
        var grids = (await communities.GridsAsync(community.Id, ct)).Select(g => new NamedOption { Id = g.Id, Name = g.Name }).ToList();
        await using var conn = await db.OpenAsync(ct);
        var teams = (await conn.QueryAsync<NamedOption>(new CommandDefinition(TeamsSql, new { CommunityId = community.Id }, cancellationToken: ct))).AsList();
        var gridId = filter.GridId;
        if (gridId is int g && grids.All(x => x.Id != g))
        {
            problems.Add("链接中的网格不属于本社区，已显示全部网格。");
            gridId = null;
        }
        var teamId = filter.TeamId;
        if (teamId is int t && teams.All(x => x.Id != t))
        {
            problems.Add("链接中的队伍不属于本社区，已显示全部队伍。");
            teamId = null;
        }
        var now = clock.Now;
        var args = new
        {
            CommunityId = community.Id, GridId = gridId, TeamId = teamId, WithoutTeam = filter.WithoutTeam,
            filter.LeadsOnly, filter.PartyOnly, Q = SearchText.Contains(filter.Q), PhoneQ = PhonePattern(actor, community.Id, filter.Q),
            Now = now,
        };
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        var pageCount = Math.Max(1, (total + MemberListFilter.PageSize - 1) / MemberListFilter.PageSize);
        var page = Math.Min(filter.Page, pageCount);
        if (page != filter.Page)
        {
            problems.Add($"链接中的页码超出范围（共 {pageCount} 页），已显示第 {page} 页。");
        }
        var rows = (await conn.QueryAsync<MemberListRow>(new CommandDefinition(db.IsSqlite ? RowsSqlite : RowsSqlServer,
            new
            {
                args.CommunityId, args.GridId, args.TeamId, args.WithoutTeam, args.LeadsOnly, args.PartyOnly, args.Q, args.PhoneQ, args.Now,
                Skip = (page - 1) * MemberListFilter.PageSize, Take = MemberListFilter.PageSize,
            }, cancellationToken: ct))).AsList();
        var memberships = (await conn.QueryAsync<Membership>(new CommandDefinition(MembershipsSql, new { CommunityId = community.Id, Now = now },
            cancellationToken: ct))).ToLookup(x => x.MemberId);
        var shown = rows.Select(r =>
        {
            var on = memberships[r.MemberId].ToList();
            var scope = new MemberScope(r.MemberId, community.Id, on.Select(x => x.TeamId).Order().ToList(), null);
            return r with
            {
                Teams = on.Select(x => x.Team).ToList(),
                Phone = MemberRules.SeesFullPhone(actor, scope) ? r.Phone ?? "" : PhoneNumber.Mask(r.Phone),
            };
        }).ToList();
        return new MemberList(community, null, new ListPage<MemberListRow>(shown, total, page, MemberListFilter.PageSize), grids, teams, problems);
    }

    /// <summary>
    /// The phone pattern for a keyword of digits: anywhere in the number for whoever sees whole numbers, otherwise only
    /// the last (visible) four digits, so a search cannot reveal the masked middle. Null when the keyword is not digits.
    /// </summary>
    private static string? PhonePattern(Actor actor, int communityId, string? q)
    {
        var digits = q?.Trim();
        if (string.IsNullOrEmpty(digits) || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }
        if (MemberRules.SearchesWholePhones(actor, communityId))
        {
            return "%" + digits + "%";
        }
        return digits.Length <= 4 ? "%" + digits : null;
    }
}
