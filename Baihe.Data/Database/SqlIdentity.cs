using System.Data.Common;
using Dapper;

namespace Baihe.Data.Database;

/// <summary>
/// Runs a single-row INSERT and returns the new identity. The two engines differ only in how the id is read
/// back, so an insert text is written once (portable) and the dialect's tail is appended here.
/// </summary>
public static class SqlIdentity
{
    private const string LastIdSqlServer = "SELECT CAST(SCOPE_IDENTITY() AS INT);";

    private const string LastIdSqlite = "SELECT last_insert_rowid();";

    /// <summary>Executes <paramref name="insertSql"/> (a portable INSERT) and returns the generated id.</summary>
    public static Task<int> InsertAsync(DbConnection conn, DbTransaction tx, bool sqlite, string insertSql, object args, CancellationToken ct = default)
    {
        var sql = insertSql + "\n" + (sqlite ? LastIdSqlite : LastIdSqlServer);
        return conn.ExecuteScalarAsync<int>(new CommandDefinition(sql, args, tx, cancellationToken: ct));
    }
}
