using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Notifications;

/// <summary>
/// The sender's side of the outbox, shared by every server. A server claims a due message with one conditional UPDATE
/// and sends it only when that UPDATE changed exactly one row; the database serialises two servers' updates of the same
/// row, and the second finds the claim taken. A claim lasts a lease, so a message whose server died is claimed again
/// once the lease runs out. Rows are never deleted: a sent one keeps <c>SentAt</c>, an unsent one its attempts and
/// last error.
/// </summary>
public sealed class EmailOutboxStore(DbConnectionFactory db)
{
    /// <summary>The longest error kept (<c>EmailOutbox.LastError</c>).</summary>
    public const int ErrorMaxLength = 500;

    /// <summary>The longest claim holder name (<c>EmailOutbox.ClaimedBy</c>).</summary>
    public const int HolderMaxLength = 100;

    // Candidates only: the claim below decides. IX_EmailOutbox_Due holds exactly the unsent rows in this order.
    private const string DueSqlServer = """
        SELECT TOP (@Batch) Id FROM EmailOutbox
        WHERE SentAt IS NULL AND NextAttemptAt <= @Now AND (ClaimedUntil IS NULL OR ClaimedUntil < @Now)
        ORDER BY NextAttemptAt, Id;
        """;

    // Internal: a test reads its plan.
    internal const string DueSqlite = """
        SELECT Id FROM EmailOutbox
        WHERE SentAt IS NULL AND NextAttemptAt <= @Now AND (ClaimedUntil IS NULL OR ClaimedUntil < @Now)
        ORDER BY NextAttemptAt, Id
        LIMIT @Batch;
        """;

    // The same conditions again in the UPDATE itself: between the SELECT and here another server may have claimed or
    // sent the row, and then no row changes.
    private const string ClaimSql = """
        UPDATE EmailOutbox SET ClaimedBy = @Holder, ClaimedUntil = @Until
        WHERE Id = @Id AND SentAt IS NULL AND NextAttemptAt <= @Now AND (ClaimedUntil IS NULL OR ClaimedUntil < @Now);
        """;

    private const string ClaimedSql = """
        SELECT Id, UserId, ToAddress, Subject, Body, CreatedAt, Attempts
        FROM EmailOutbox
        WHERE Id = @Id AND ClaimedBy = @Holder AND SentAt IS NULL;
        """;

    // ClaimedBy stays: which server sent it.
    private const string SentSql = """
        UPDATE EmailOutbox SET SentAt = @Now, ClaimedUntil = NULL
        WHERE Id = @Id AND ClaimedBy = @Holder AND SentAt IS NULL;
        """;

    private const string FailedSql = """
        UPDATE EmailOutbox SET Attempts = Attempts + 1, LastError = @Error, NextAttemptAt = @Next, ClaimedUntil = NULL
        WHERE Id = @Id AND ClaimedBy = @Holder AND SentAt IS NULL;
        """;

    private const string ReleaseSql = """
        UPDATE EmailOutbox SET ClaimedUntil = NULL
        WHERE Id = @Id AND ClaimedBy = @Holder AND SentAt IS NULL;
        """;

    /// <summary>
    /// Claims up to <paramref name="batch"/> due messages for <paramref name="holder"/> until <paramref name="now"/> +
    /// <paramref name="lease"/> and returns them; a message another server claimed first is left out.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(string holder, DateTime now, TimeSpan lease, int batch, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var ids = await conn.QueryAsync<int>(new CommandDefinition(db.IsSqlite ? DueSqlite : DueSqlServer, new { Now = now, Batch = batch }, cancellationToken: ct));
        var claimed = new List<OutboxMessage>();
        var until = now + lease;
        foreach (var id in ids)
        {
            if (await conn.ExecuteAsync(new CommandDefinition(ClaimSql, new { Id = id, Holder = holder, Until = until, Now = now }, cancellationToken: ct)) != 1)
            {
                continue;
            }
            if (await conn.QueryFirstOrDefaultAsync<OutboxMessage>(new CommandDefinition(ClaimedSql, new { Id = id, Holder = holder }, cancellationToken: ct)) is { } message)
            {
                claimed.Add(message);
            }
        }
        return claimed;
    }

    /// <summary>
    /// Records that <paramref name="holder"/> sent the message; false when it no longer held the claim (its lease ran out
    /// during the send and another server took the message), which the caller should log.
    /// </summary>
    public async Task<bool> MarkSentAsync(int id, string holder, DateTime now, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(SentSql, new { Id = id, Holder = holder, Now = now }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Records a failed attempt: one more attempt, the error (cut to <see cref="ErrorMaxLength"/>), and the next try after
    /// <see cref="Backoff"/>. The claim is released so any server may make that try.
    /// </summary>
    public async Task MarkFailedAsync(OutboxMessage message, string holder, DateTime now, string error, int maxBackoffMinutes, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(FailedSql, new
        {
            message.Id,
            Holder = holder,
            Error = TextInput.Cut(error, ErrorMaxLength),
            Next = now + Backoff(message.Attempts, maxBackoffMinutes),
        }, cancellationToken: ct));
    }

    /// <summary>
    /// Gives a claimed message back unsent and without counting an attempt (a pass that ran short of its lease), so any
    /// server may take it at once.
    /// </summary>
    public async Task ReleaseAsync(int id, string holder, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(ReleaseSql, new { Id = id, Holder = holder }, cancellationToken: ct));
    }

    /// <summary>The wait after the (<paramref name="attemptsBefore"/> + 1)th failure: 1, 2, 4, 8 … minutes, at most <paramref name="maxMinutes"/>.</summary>
    public static TimeSpan Backoff(int attemptsBefore, int maxMinutes) =>
        TimeSpan.FromMinutes(Math.Min(Math.Max(1, maxMinutes), Math.Pow(2, Math.Clamp(attemptsBefore, 0, 20))));
}
