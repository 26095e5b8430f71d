using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Baihe.Data.Database;

/// <summary>Answers whether the database is reachable, readable and migrated.</summary>
public sealed class HealthQueries(DbConnectionFactory db)
{
    // quick_check reads every page, so a corrupted or truncated file fails here rather than on a user's page.
    private const string SqliteIntegritySql = "PRAGMA quick_check;";

    // Reading migrated tables, not just SELECT 1: an empty database is not a healthy one.
    private const string ProbeSql = "SELECT (SELECT COUNT(*) FROM ChangeVersion) + (SELECT COUNT(*) FROM AppUser WHERE Id = 0);";

    private const string JournalSql = "SELECT ScriptName FROM SchemaVersions;";

    /// <summary>Null when healthy, otherwise the reason.</summary>
    public async Task<string?> ProbeAsync(CancellationToken ct = default)
    {
        try
        {
            await using var conn = await OpenFreshAsync(ct);
            if (db.IsSqlite)
            {
                var check = await conn.ExecuteScalarAsync<string>(new CommandDefinition(SqliteIntegritySql, cancellationToken: ct));
                if (check != "ok")
                {
                    return "SQLite quick_check: " + check;
                }
            }
            await conn.ExecuteScalarAsync<int>(new CommandDefinition(ProbeSql, cancellationToken: ct));
            return null;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            return e.Message;
        }
    }

    /// <summary>The embedded migration scripts not yet in DbUp's journal (empty when the schema is current).</summary>
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct = default)
    {
        await using var conn = await OpenFreshAsync(ct);
        var journaled = (await conn.QueryAsync<string>(new CommandDefinition(JournalSql, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        return DatabaseMigrator.Scripts(db.Provider).Select(s => s.Name).Where(n => !journaled.Contains(n)).ToList();
    }

    // A new connection each time: a pooled SQLite connection keeps answering from its open file handle and page
    // cache after the file was deleted or damaged. ReadWrite (not ReadWriteCreate) so a deleted file is an error,
    // not a new empty database.
    private async Task<DbConnection> OpenFreshAsync(CancellationToken ct)
    {
        if (!db.IsSqlite)
        {
            return await db.OpenAsync(ct);
        }
        var builder = new SqliteConnectionStringBuilder(db.ConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        var conn = new SqliteConnection(builder.ToString());
        try
        {
            await conn.OpenAsync(ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }
}
