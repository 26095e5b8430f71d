using Baihe.Data.Database;
using Baihe.Data.Summaries;
using Dapper;

namespace Baihe.Data.Points;

/// <summary>Reads balances, histories and rankings. "Earned" never counts redemptions; corrections do count.</summary>
public sealed class PointsQueries(DbConnectionFactory db)
{
    // A ranking around one sum per person (x.MemberId, x.Points): rank with ties, name, grid and 邻长, best first.
    private const string RankHeadFragment = """
        SELECT RANK() OVER (ORDER BY x.Points DESC) AS Rank, x.MemberId, m.Name, g.Name AS Grid, m.IsNeighbourLead, x.Points
        FROM (

        """;

    private const string RankTailFragment = """

        ) x
        JOIN Member m ON m.Id = x.MemberId
        JOIN Grid g ON g.Id = m.GridId
        WHERE x.Points > 0
        ORDER BY x.Points DESC, m.Name, m.Id;
        """;

    /// <summary>Shared with the evaluations, which snapshot this ranking.</summary>
    internal const string LeaderboardSql = RankHeadFragment + """
            SELECT pe.MemberId, SUM(pe.Points) AS Points
            FROM PointEntry pe
            JOIN Member em ON em.Id = pe.MemberId
            JOIN Grid eg ON eg.Id = em.GridId
            WHERE eg.CommunityId = @CommunityId AND pe.Source <> 'Redemption'
              AND pe.OccurredOn >= @From AND pe.OccurredOn < @To
              AND (@CategoryId IS NULL OR pe.CategoryId = @CategoryId)
            GROUP BY pe.MemberId
        """ + RankTailFragment;

    // LeaderboardSql read from PointMemberSummary: the same people and sums for a period of whole months, a few rows per
    // person instead of every entry (PointSummaryTests compares the two on random periods).
    private const string LeaderboardOfMonthsSql = RankHeadFragment + """
            SELECT s.MemberId, SUM(s.Earned) AS Points
            FROM PointMemberSummary s
            JOIN Member em ON em.Id = s.MemberId
            JOIN Grid eg ON eg.Id = em.GridId
            WHERE eg.CommunityId = @CommunityId AND s.Month >= @FromMonth AND s.Month < @ToMonth
              AND (@CategoryId IS NULL OR s.CategoryId = @CategoryId)
            GROUP BY s.MemberId
        """ + RankTailFragment;

    /// <summary>
    /// The ranking of a period (a half-year for 一年两评选) by points earned, optionally in one area: from the people's
    /// month summaries when the period is whole months (every ranking the pages and the report show), else from the ledger.
    /// </summary>
    public async Task<IReadOnlyList<RankRow>> LeaderboardAsync(int communityId, Period period, int? categoryId, CancellationToken ct = default)
    {
        if (!IsWholeMonths(period))
        {
            return await LeaderboardFromLedgerAsync(communityId, period, categoryId, ct);
        }
        await using var conn = await db.OpenAsync(ct);
        var args = new { CommunityId = communityId, FromMonth = PointLedger.MonthKey(period.From), ToMonth = PointLedger.MonthKey(period.To), CategoryId = categoryId };
        return (await conn.QueryAsync<RankRow>(new CommandDefinition(LeaderboardOfMonthsSql, args, cancellationToken: ct))).AsList();
    }

    /// <summary>True when <paramref name="period"/> starts and ends at the start of a month (and is not empty).</summary>
    internal static bool IsWholeMonths(Period period) => PointSummaryQueries.SplitByMonths(period) is (null, not null, null);

    /// <summary>The ranking read from the ledger whatever the period (the reference the summaries are tested against).</summary>
    internal async Task<IReadOnlyList<RankRow>> LeaderboardFromLedgerAsync(int communityId, Period period, int? categoryId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<RankRow>(new CommandDefinition(LeaderboardSql,
            new { CommunityId = communityId, period.From, period.To, CategoryId = categoryId }, cancellationToken: ct))).AsList();
    }

    private const string MemberSql = """
        SELECT m.Id, m.Name, g.Name AS Grid, g.CommunityId, m.IsNeighbourLead, m.Skill
        FROM Member m JOIN Grid g ON g.Id = m.GridId
        WHERE m.Id = @MemberId;
        """;

    private const string BalanceSql = "SELECT COALESCE(SUM(Points), 0) FROM PointEntry WHERE MemberId = @MemberId;";

    /// <summary>A resident's balance now, for a confirmation that states what a redemption leaves.</summary>
    public async Task<int> BalanceAsync(int memberId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(BalanceSql, new { MemberId = memberId }, cancellationToken: ct));
    }

    private const string ByAreaSql = """
        SELECT pc.Id AS CategoryId, pc.Name AS Area, COALESCE(x.Points, 0) AS Points
        FROM PointCategory pc
        LEFT JOIN (
            SELECT pe.CategoryId, SUM(pe.Points) AS Points
            FROM PointEntry pe
            WHERE pe.MemberId = @MemberId AND pe.Source <> 'Redemption' AND pe.OccurredOn >= @From AND pe.OccurredOn < @To
            GROUP BY pe.CategoryId
        ) x ON x.CategoryId = pc.Id
        ORDER BY pc.SortOrder;
        """;

    private const string TeamsSql = """
        SELECT t.Name FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
        WHERE ms.MemberId = @MemberId AND ms.LeftOn IS NULL
        ORDER BY t.SortOrder;
        """;

    private const string HistoryFragment = """
        SELECT pe.Id, pe.OccurredOn, pc.Name AS Area, pe.Points, pe.Source, pe.Note, u.DisplayName AS RecordedBy,
               CASE WHEN EXISTS (SELECT 1 FROM PointEntry r WHERE r.ReversesEntryId = pe.Id) THEN 1 ELSE 0 END AS Reversed
        FROM PointEntry pe
        JOIN PointCategory pc ON pc.Id = pe.CategoryId
        LEFT JOIN AppUser u ON u.Id = pe.RecordedByUserId
        WHERE pe.MemberId = @MemberId
        ORDER BY pe.OccurredOn DESC, pe.Id DESC

        """;

    private const string HistorySqlServer = HistoryFragment + "OFFSET 0 ROWS FETCH NEXT 200 ROWS ONLY;";

    private const string HistorySqlite = HistoryFragment + "LIMIT 200;";

    /// <summary>A member's page for a year, or null when there is no such member.</summary>
    public async Task<MemberPoints?> MemberAsync(int memberId, Period year, CancellationToken ct = default)
    {
        var args = new { MemberId = memberId, year.From, year.To };
        await using var conn = await db.OpenAsync(ct);
        var member = await conn.QuerySingleOrDefaultAsync<PointsMember>(new CommandDefinition(MemberSql, args, cancellationToken: ct));
        if (member is null)
        {
            return null;
        }
        var balance = await conn.ExecuteScalarAsync<int>(new CommandDefinition(BalanceSql, args, cancellationToken: ct));
        var areas = await conn.QueryAsync<AreaEarned>(new CommandDefinition(ByAreaSql, args, cancellationToken: ct));
        var teams = await conn.QueryAsync<string>(new CommandDefinition(TeamsSql, args, cancellationToken: ct));
        var history = await conn.QueryAsync<LedgerRow>(new CommandDefinition(db.IsSqlite ? HistorySqlite : HistorySqlServer, args, cancellationToken: ct));
        return new MemberPoints(member, balance, areas.AsList(), teams.AsList(), history.AsList());
    }

    private const string ByTeamSql = """
        SELECT b.Name AS Brand, t.Id AS TeamId, t.Name AS Team, COALESCE(SUM(pe.Points), 0) AS Points
        FROM Team t
        JOIN Brand b ON b.Id = t.BrandId
        LEFT JOIN Membership ms ON ms.TeamId = t.Id AND ms.LeftOn IS NULL
        LEFT JOIN PointEntry pe ON pe.MemberId = ms.MemberId AND pe.Points > 0 AND pe.OccurredOn >= @From AND pe.OccurredOn < @To
        WHERE t.CommunityId = @CommunityId
        GROUP BY b.Name, b.SortOrder, t.Id, t.Name, t.SortOrder
        ORDER BY b.SortOrder, t.SortOrder;
        """;

    /// <summary>
    /// Points earned in a period by each team's current members, in brand order (brand → team). A resident on two
    /// teams counts for both, so the teams do not add up to the community's total.
    /// </summary>
    public async Task<IReadOnlyList<TeamPoints>> ByTeamAsync(int communityId, Period period, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<TeamPoints>(new CommandDefinition(ByTeamSql, new { CommunityId = communityId, period.From, period.To }, cancellationToken: ct))).AsList();
    }
}
