using System.Data.Common;
using Baihe.Data.Accounts;
using Dapper;

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
/// Before the body runs, a signed-in actor's account is checked inside the same transaction: it must still exist, be
/// enabled and carry the security stamp the actor signed in with. Otherwise the write is refused and audited, so
/// disabling an account, changing its role or ending its sessions takes effect on the very next write, whatever its
/// open pages still show.
/// </summary>
public static class WriteTransaction
{
    /// <summary>What a write by a disabled, changed or signed-out account is refused with.</summary>
    public const string StaleSessionMessage = "您的账号已停用或登录已失效，请重新登录。";

    private const string AccountSql = "SELECT IsDisabled, SecurityStamp FROM AppUser WHERE Id = @Id;";

    /// <summary>Runs <paramref name="body"/> in one transaction; <paramref name="area"/> null when the write feeds no live page.</summary>
    public static async Task<CommandResult> RunAsync(DbConnectionFactory db, BaiheClock clock, Actor actor, string? area,
        Func<WriteScope, Task<CommandResult>> body, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (actor.UserId > 0)
        {
            await CheckAccountAsync(conn, tx, actor, now, ct);
        }
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

    /// <summary>Refuses (after auditing) an actor whose account is gone, disabled, or no longer has the actor's stamp.</summary>
    private static async Task CheckAccountAsync(DbConnection conn, DbTransaction tx, Actor actor, DateTime now, CancellationToken ct)
    {
        var account = await conn.QueryFirstOrDefaultAsync<UserStamp>(new CommandDefinition(AccountSql, new { Id = actor.UserId }, tx, cancellationToken: ct));
        if (account is { IsDisabled: false } && actor.SecurityStamp is { } stamp && account.SecurityStamp == stamp)
        {
            return;
        }
        // An account that no longer exists cannot be named by the audit row's key; its user name still is.
        var who = account is null ? actor with { UserId = 0 } : actor;
        throw await Journal.DeniedAsync(conn, tx, who, now, "Write.StaleSession", "AppUser", actor.UserId,
            new { Reason = account is null ? "missing" : account.IsDisabled ? "disabled" : "stamp" }, ct, StaleSessionMessage);
    }
}
