using Baihe.Data.Accounts;

namespace Baihe.Data.Database;

/// <summary>
/// The one skeleton of every write command: open, begin, let the command check and write, write its audit rows,
/// bump the area's change version and commit. A command keeps only its own logic in <c>body</c>:
/// <list type="bullet">
/// <item>return <see cref="CommandResult.Fail"/> or <see cref="CommandResult.Stale"/> and nothing is written
/// (the transaction is rolled back, queued audit rows are dropped, no version is bumped);</item>
/// <item><c>throw await w.DeniedAsync(...)</c> and only the refusal's audit row is committed;</item>
/// <item>return a success and every audit row queued with <see cref="WriteScope.Audit"/> is written, the area (and any
/// <see cref="WriteScope.AlsoBump"/>) is bumped, and the transaction commits.</item>
/// </list>
/// </summary>
public static class WriteTransaction
{
    /// <summary>Runs <paramref name="body"/> in one transaction; <paramref name="area"/> null when the write feeds no live page.</summary>
    public static async Task<CommandResult> RunAsync(DbConnectionFactory db, BaiheClock clock, Actor actor, string? area,
        Func<WriteScope, Task<CommandResult>> body, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var scope = new WriteScope(conn, tx, actor, now, db.IsSqlite, ct);
        var result = await body(scope);
        if (!result.Ok)
        {
            await tx.RollbackAsync(ct);
            return result;
        }
        foreach (var a in scope.Audits)
        {
            await Journal.AuditAsync(conn, tx, actor, now, a.Action, a.EntityType, a.EntityId, a.Before, a.After, ct);
        }
        foreach (var bumped in scope.Areas(area))
        {
            await Journal.BumpAsync(conn, tx, bumped, now, ct);
        }
        await tx.CommitAsync(ct);
        return result;
    }
}
