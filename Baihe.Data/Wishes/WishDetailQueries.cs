using System.Data.Common;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Tasks;
using Dapper;

namespace Baihe.Data.Wishes;

/// <summary>
/// Reads one wish and the partners of a community, and the scopes <see cref="WishRules"/> decides on. The scope
/// loaders are shared with <see cref="WishCommands"/>, which runs them inside its transaction.
/// </summary>
public sealed class WishDetailQueries(DbConnectionFactory db)
{
    private const string DetailSql = """
        SELECT w.Id, g.CommunityId, g.Name AS Grid, w.WisherName, w.WisherKind, w.Content, w.EstimatedValue, w.Status, w.ClaimantKind,
               COALESCE(cm.Name, ct.Name, cp.Name) AS Claimant, w.ClaimedByMemberId, w.ClaimedByTeamId,
               w.PublishedAt, w.ClaimedAt, w.FulfilledAt, w.FulfilmentNote, w.PhotoPath
        FROM MicroWish w
        JOIN Grid g ON g.Id = w.GridId
        LEFT JOIN Member cm ON cm.Id = w.ClaimedByMemberId
        LEFT JOIN Team ct ON ct.Id = w.ClaimedByTeamId
        LEFT JOIN PartnerUnit cp ON cp.Id = w.ClaimedByPartnerId
        WHERE w.Id = @WishId;
        """;

    private const string HistorySql = """
        SELECT h.FromStatus, h.ToStatus, h.ChangedAt, u.DisplayName AS ChangedBy, h.Note
        FROM WishStatusHistory h LEFT JOIN AppUser u ON u.Id = h.ChangedByUserId
        WHERE h.WishId = @WishId
        ORDER BY h.ChangedAt, h.Id;
        """;

    private const string MemberNameSql = "SELECT Name FROM Member WHERE Id = @Id;";

    private const string TeamNameSql = "SELECT Name FROM Team WHERE Id = @Id;";

    private const string PartnerNameSql = "SELECT Name FROM PartnerUnit WHERE Id = @Id;";

    // Claims recorded before the timeline named claimers stored "Member:21"; such a note is shown by the claimer's name.
    private static readonly System.Text.RegularExpressions.Regex LegacyClaimNote = new(@"^(Member|Team|Partner):\d+$");

    private const string ScopeSql = """
        SELECT g.CommunityId, w.ClaimedByTeamId, w.ClaimedByMemberId
        FROM MicroWish w JOIN Grid g ON g.Id = w.GridId
        WHERE w.Id = @WishId;
        """;

    private const string MemberTeamsSql = "SELECT TeamId FROM Membership WHERE MemberId = @MemberId AND LeftOn IS NULL ORDER BY TeamId;";

    private const string MemberCommunitySql = "SELECT g.CommunityId FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE m.Id = @Id;";

    private const string TeamCommunitySql = "SELECT CommunityId FROM Team WHERE Id = @Id;";

    private const string PartnerCommunitySql = "SELECT CommunityId FROM PartnerUnit WHERE Id = @Id;";

    private const string PartnersSql = "SELECT Id, Name FROM PartnerUnit WHERE CommunityId = @CommunityId ORDER BY Name;";

    public async Task<(WishDetail Wish, IReadOnlyList<WishChange> History)?> DetailAsync(int wishId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var wish = await conn.QuerySingleOrDefaultAsync<WishDetail>(new CommandDefinition(DetailSql, new { WishId = wishId }, cancellationToken: ct));
        if (wish is null)
        {
            return null;
        }
        var history = await conn.QueryAsync<WishChange>(new CommandDefinition(HistorySql, new { WishId = wishId }, cancellationToken: ct));
        return (wish, history.Select(h => h.ToStatus == "Claimed" && h.Note is { } note && LegacyClaimNote.IsMatch(note)
            ? h with { Note = ClaimNote(wish.ClaimantKind ?? note[..note.IndexOf(':')], wish.Claimant) }
            : h).ToList());
    }

    /// <summary>The SQL that reads the name of a claimer of <paramref name="kind"/> (Member, Team or Partner) by <c>@Id</c>.</summary>
    internal static string ClaimantNameSql(string kind) => kind switch
    {
        "Member" => MemberNameSql,
        "Team" => TeamNameSql,
        _ => PartnerNameSql,
    };

    /// <summary>The timeline's words for a claim: "认领方：志愿者 陈丽华".</summary>
    internal static string ClaimNote(string kind, string? name) =>
        $"认领方：{kind switch { "Member" => "志愿者", "Team" => "队伍", _ => "共建单位" }} {name ?? "（已删除）"}";

    public async Task<IReadOnlyList<PartnerRow>> PartnersAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<PartnerRow>(new CommandDefinition(PartnersSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    /// <summary>What <see cref="WishRules"/> needs about a wish; null when there is no such wish.</summary>
    public async Task<WishScope?> ScopeAsync(int wishId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await ScopeAsync(conn, null, wishId, ct);
    }

    /// <summary>Who would claim: a <c>Member</c>, <c>Team</c> or <c>Partner</c> by id; null when there is no such claimant.</summary>
    public async Task<ClaimantScope?> ClaimantAsync(string kind, int id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await ClaimantAsync(conn, null, kind, id, ct);
    }

    /// <summary>Where <paramref name="actor"/> would publish a wish in <paramref name="communityId"/>, for <see cref="WishRules.CanPublish"/>.</summary>
    public async Task<IntakeScope> PublishScopeAsync(Actor actor, int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await TaskWorkflowQueries.IntakeScopeAsync(conn, null, actor, communityId, ct);
    }

    internal static async Task<WishScope?> ScopeAsync(DbConnection conn, DbTransaction? tx, int wishId, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<ScopeRow>(new CommandDefinition(ScopeSql, new { WishId = wishId }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }
        var claimerTeams = row.ClaimedByMemberId is int member ? await TeamsOfAsync(conn, tx, member, ct) : [];
        return new WishScope(row.CommunityId, row.ClaimedByTeamId, row.ClaimedByMemberId, claimerTeams);
    }

    internal static async Task<ClaimantScope?> ClaimantAsync(DbConnection conn, DbTransaction? tx, string kind, int id, CancellationToken ct)
    {
        var sql = kind switch
        {
            "Member" => MemberCommunitySql,
            "Team" => TeamCommunitySql,
            "Partner" => PartnerCommunitySql,
            _ => null,
        };
        if (sql is null
            || await conn.ExecuteScalarAsync<int?>(new CommandDefinition(sql, new { Id = id }, tx, cancellationToken: ct)) is not int community)
        {
            return null;
        }
        return new ClaimantScope(kind, id, community, kind == "Member" ? await TeamsOfAsync(conn, tx, id, ct) : []);
    }

    private static async Task<IReadOnlyList<int>> TeamsOfAsync(DbConnection conn, DbTransaction? tx, int memberId, CancellationToken ct) =>
        (await conn.QueryAsync<int>(new CommandDefinition(MemberTeamsSql, new { MemberId = memberId }, tx, cancellationToken: ct))).AsList();

    private sealed record ScopeRow
    {
        public int CommunityId { get; init; }
        public int? ClaimedByTeamId { get; init; }
        public int? ClaimedByMemberId { get; init; }
    }
}
