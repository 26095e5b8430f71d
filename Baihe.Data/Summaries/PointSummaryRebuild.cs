using System.Data.Common;
using Dapper;

namespace Baihe.Data.Summaries;

/// <summary>
/// Recomputes <c>PointDaySummary</c>, <c>PointSummary</c> and <c>PointMemberSummary</c> from the ledger, for loaders that write ledger rows in bulk
/// instead of through <see cref="PointLedger"/> (the demo and scale seeders), in their own transaction, and for the
/// tests that prove the kept summaries equal a recount. The app's commands never need it.
/// </summary>
public static class PointSummaryRebuild
{
    private const string DeleteSql = "DELETE FROM PointSummary; DELETE FROM PointDaySummary; DELETE FROM PointMemberSummary;";

    // One text on both engines: the ledger's day comes from its computed OccurredDay column (migration 0014).
    private const string DaysSql = """
        INSERT INTO PointDaySummary (GridId, Day, CategoryId, Issued, Deducted, Entries)
        SELECT m.GridId, pe.OccurredDay, pe.CategoryId,
               SUM(CASE WHEN pe.Points > 0 THEN pe.Points ELSE 0 END),
               SUM(CASE WHEN pe.Points < 0 THEN pe.Points ELSE 0 END),
               COUNT(*)
        FROM PointEntry pe
        JOIN Member m ON m.Id = pe.MemberId
        GROUP BY m.GridId, pe.OccurredDay, pe.CategoryId;
        """;

    // The months are the days summed (yyyyMMdd / 100 = yyyyMM in integer arithmetic on both engines): a few hundred
    // thousand summary rows read instead of the ledger a second time.
    private const string MonthsSql = """
        INSERT INTO PointSummary (GridId, Month, CategoryId, Issued, Deducted, Entries)
        SELECT d.GridId, d.Day / 100, d.CategoryId, SUM(d.Issued), SUM(d.Deducted), SUM(d.Entries)
        FROM PointDaySummary d
        GROUP BY d.GridId, d.Day / 100, d.CategoryId;
        """;

    private const string MembersSql = """
        INSERT INTO PointMemberSummary (MemberId, Month, CategoryId, Earned, Redeemed)
        SELECT pe.MemberId, pe.OccurredDay / 100, pe.CategoryId,
               SUM(CASE WHEN pe.Source <> 'Redemption' THEN pe.Points ELSE 0 END),
               SUM(CASE WHEN pe.Source = 'Redemption' THEN pe.Points ELSE 0 END)
        FROM PointEntry pe
        GROUP BY pe.MemberId, pe.OccurredDay / 100, pe.CategoryId;
        """;

    /// <summary>
    /// Replaces every summary row, day, month and person's month, with the sums of the ledger, in <paramref name="tx"/>; returns the
    /// rows written to the three tables.
    /// </summary>
    public static async Task<int> RunAsync(DbConnection conn, DbTransaction? tx, CancellationToken ct = default)
    {
        CommandDefinition Command(string sql) => new(sql, transaction: tx, commandTimeout: 0, cancellationToken: ct);
        await conn.ExecuteAsync(Command(DeleteSql));
        var days = await conn.ExecuteAsync(Command(DaysSql));
        var months = await conn.ExecuteAsync(Command(MonthsSql));
        return days + months + await conn.ExecuteAsync(Command(MembersSql));
    }
}
