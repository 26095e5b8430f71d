using System.Data.Common;
using Dapper;

namespace Baihe.Data.Summaries;

/// <summary>
/// Recomputes <c>PointSummary</c> from the ledger, for loaders that write ledger rows in bulk instead of through
/// <see cref="PointLedger"/> (the demo and scale seeders), in their own transaction. The app's commands never need it.
/// </summary>
public static class PointSummaryRebuild
{
    private const string DeleteSql = "DELETE FROM PointSummary;";

    // The same grouping as migration 0011; only the month expression differs between the engines.
    private const string RebuildSqlite = """
        INSERT INTO PointSummary (GridId, Month, CategoryId, Issued, Deducted, Entries)
        SELECT m.GridId,
               CAST(substr(pe.OccurredOn, 1, 4) || substr(pe.OccurredOn, 6, 2) AS INTEGER),
               pe.CategoryId,
               SUM(CASE WHEN pe.Points > 0 THEN pe.Points ELSE 0 END),
               SUM(CASE WHEN pe.Points < 0 THEN pe.Points ELSE 0 END),
               COUNT(*)
        FROM PointEntry pe
        JOIN Member m ON m.Id = pe.MemberId
        GROUP BY m.GridId, CAST(substr(pe.OccurredOn, 1, 4) || substr(pe.OccurredOn, 6, 2) AS INTEGER), pe.CategoryId;
        """;

    private const string RebuildSqlServer = """
        INSERT INTO PointSummary (GridId, Month, CategoryId, Issued, Deducted, Entries)
        SELECT m.GridId,
               YEAR(pe.OccurredOn) * 100 + MONTH(pe.OccurredOn),
               pe.CategoryId,
               SUM(CASE WHEN pe.Points > 0 THEN pe.Points ELSE 0 END),
               SUM(CASE WHEN pe.Points < 0 THEN pe.Points ELSE 0 END),
               COUNT(*)
        FROM PointEntry pe
        JOIN Member m ON m.Id = pe.MemberId
        GROUP BY m.GridId, YEAR(pe.OccurredOn) * 100 + MONTH(pe.OccurredOn), pe.CategoryId;
        """;

    /// <summary>Replaces every summary row with the sums of the ledger, in <paramref name="tx"/>; returns the rows written.</summary>
    public static async Task<int> RunAsync(DbConnection conn, DbTransaction? tx, bool sqlite, CancellationToken ct = default)
    {
        await conn.ExecuteAsync(new CommandDefinition(DeleteSql, transaction: tx, commandTimeout: 0, cancellationToken: ct));
        return await conn.ExecuteAsync(new CommandDefinition(sqlite ? RebuildSqlite : RebuildSqlServer, transaction: tx, commandTimeout: 0,
            cancellationToken: ct));
    }
}
