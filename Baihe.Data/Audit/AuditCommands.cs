using Baihe.Data.Accounts;
using Baihe.Data.Database;

namespace Baihe.Data.Audit;

/// <summary>
/// The audit log's two writes besides the rows every command leaves: recording an export (in the same transaction that
/// reads the exported rows), and the archive, the only way rows ever leave the log.
/// </summary>
public sealed class AuditCommands(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>What an export or archive by someone who may not is refused with.</summary>
    public const string Refusal = "您无权查看这些操作日志。";

    private const string CommunityScopeSql = "SELECT c.Id AS CommunityId, c.SubDistrictId FROM Community c WHERE c.Id = @Id;";

    private const string ArchiveRowsSql = AuditQueries.SelectFragment + "\nWHERE a.OccurredAt < @Before\nORDER BY a.OccurredAt, a.Id;";

    private const string OpenGateSql = "INSERT INTO AuditArchiveGate (Id, OpenedAt) VALUES (1, @Now);";

    private const string DeleteArchivedSql = "DELETE FROM AuditLog WHERE OccurredAt < @Before AND Id <= @MaxId;";

    private const string CloseGateSql = "DELETE FROM AuditArchiveGate WHERE Id = 1;";

    /// <summary>
    /// Reads the rows an export writes (the filter inside the actor's view, newest first, at most
    /// <see cref="AuditQueries.MaxExportRows"/>) and records the export in the same transaction. A community outside the
    /// actor's view, or an actor who may read no log, is refused and audited.
    /// </summary>
    public async Task<IReadOnlyList<AuditRow>> ExportRowsAsync(Actor actor, AuditFilter filter, CancellationToken ct = default)
    {
        IReadOnlyList<AuditRow> rows = [];
        await WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            if (AuditRules.ViewFor(actor) is not { } view)
            {
                throw await w.DeniedAsync("Audit.Export", "AuditLog", null, filter, Refusal);
            }
            if (filter.CommunityId is int community
                && await w.SingleOrDefaultAsync<AuditRowScope>(CommunityScopeSql, new { Id = community }) is var scope
                && (scope is null || !AuditRules.CanReadRow(actor, scope)))
            {
                throw await w.DeniedAsync("Audit.Export", "Community", community, filter, Refusal);
            }
            var (where, args) = AuditQueries.Where(view, filter);
            args.Add("Skip", 0);
            args.Add("Take", AuditQueries.MaxExportRows);
            var sql = AuditQueries.SelectFragment + where + AuditQueries.OrderFragment
                + (w.IsSqlite ? AuditQueries.PagingSqliteFragment : AuditQueries.PagingSqlServerFragment);
            rows = await w.QueryAsync<AuditRow>(sql, args);
            w.Audit("Audit.Export", "AuditLog", null, null, new
            {
                filter.Person, filter.Action, filter.Area, filter.EntityType, filter.EntityId,
                From = filter.From?.ToString(AuditFilterParser.DateFormat), To = filter.To?.ToString(AuditFilterParser.DateFormat),
                filter.CommunityId, Rows = rows.Count,
            });
            return CommandResult.Success(rows.Count);
        }, ct);
        return rows;
    }

    /// <summary>
    /// Moves every row older than <paramref name="before"/> out of the log: reads them, hands them to
    /// <paramref name="writeFile"/> (which writes the archive file and returns its SHA-256), then deletes them and
    /// writes one <c>Audit.Archive</c> row, all in one transaction. If writing the file throws, nothing is deleted.
    /// The delete passes the log's append-only trigger only because this transaction holds the AuditArchiveGate row,
    /// which it removes again before it commits.
    /// </summary>
    public Task<CommandResult> ArchiveAsync(Actor actor, DateTime before, Func<IReadOnlyList<AuditRow>, CancellationToken, Task<string>> writeFile,
        CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            if (!AuditRules.CanArchive(actor))
            {
                throw await w.DeniedAsync("Audit.Archive", "AuditLog", null, new { Before = before }, Refusal);
            }
            var rows = await w.QueryAsync<AuditRow>(ArchiveRowsSql, new { Before = before });
            if (rows.Count == 0)
            {
                return CommandResult.Fail("没有早于该日期的操作日志，未写入文件，也未删除任何记录。");
            }
            var sha256 = await writeFile(rows, ct);
            await w.ExecuteAsync(OpenGateSql, new { w.Now });
            var deleted = await w.ExecuteAsync(DeleteArchivedSql, new { Before = before, MaxId = rows.Max(r => r.Id) });
            await w.ExecuteAsync(CloseGateSql);
            if (deleted != rows.Count)
            {
                return CommandResult.Fail("归档期间日志发生变化，未删除任何记录，请重试。");
            }
            w.Audit("Audit.Archive", "AuditLog", null, null, new
            {
                Before = before.ToString(AuditFilterParser.DateFormat, System.Globalization.CultureInfo.InvariantCulture),
                Rows = rows.Count, FirstId = rows.Min(r => r.Id), LastId = rows.Max(r => r.Id), Sha256 = sha256,
            });
            return CommandResult.Success(rows.Count);
        }, ct);
}
