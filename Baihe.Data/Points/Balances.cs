using Baihe.Data.Database;

namespace Baihe.Data.Points;

/// <summary>
/// The one way a write reads a resident's balance. A balance is a sum over the ledger, so "check the balance, then
/// write a negative entry" is only safe while nobody else can write a negative entry for the same resident in between:
/// on SQL Server the member row is locked (UPDLOCK, HOLDLOCK) before the sum is read and the lock is held to the end
/// of the transaction; on SQLite every write transaction already holds the database's write lock (BEGIN IMMEDIATE).
/// Redemptions and corrections both go through here, so they wait for each other and can never overdraw together.
/// </summary>
internal static class Balances
{
    private const string LockMemberSqlServer = "SELECT Id FROM Member WITH (UPDLOCK, HOLDLOCK) WHERE Id = @MemberId;";

    private const string BalanceSql = "SELECT COALESCE(SUM(Points), 0) FROM PointEntry WHERE MemberId = @MemberId;";

    /// <summary>Locks the member for the rest of the transaction, then reads the balance.</summary>
    internal static async Task<int> LockAndReadAsync(WriteScope w, int memberId)
    {
        await LockAsync(w, memberId);
        return await w.ScalarAsync<int>(BalanceSql, new { MemberId = memberId });
    }

    /// <summary>
    /// Takes the member lock alone, for a command that must serialise with other writers for this member before it
    /// reads anything else (a redemption looks up its idempotency key first). Taking it twice in one transaction is harmless.
    /// </summary>
    internal static async Task LockAsync(WriteScope w, int memberId)
    {
        if (!w.IsSqlite)
        {
            await w.ExecuteAsync(LockMemberSqlServer, new { MemberId = memberId });
        }
    }
}
