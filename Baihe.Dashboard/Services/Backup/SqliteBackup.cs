using System.Security.Cryptography;
using Baihe.Data.Database;
using Microsoft.Data.Sqlite;

namespace Baihe.Dashboard.Services.Backup;

/// <summary>
/// An online copy of the embedded database with SQLite's backup API while the servers keep writing. The copy is one
/// read transaction of the source (WAL lets writers go on meanwhile), so it is the database as of one instant: a
/// point entry is either in it with its audit row and change-feed bump, or not at all. A file copy of baihe.db
/// would not be: it misses what is still in baihe.db-wal and can catch a checkpoint half-written.
/// </summary>
public static class SqliteBackup
{
    private const string IntegrityCheckSql = "PRAGMA integrity_check;";

    private const string ForeignKeyCheckSql = "PRAGMA foreign_key_check;";

    /// <summary>
    /// Copies the database to <paramref name="path"/>, which must not exist, and checks the copy. The copy is written
    /// beside it as <c>FILE.partial</c> and renamed only once checked, so a file with the final name is always whole.
    /// </summary>
    /// <exception cref="IOException"><paramref name="path"/> exists.</exception>
    /// <exception cref="InvalidDataException">The copy failed its integrity or foreign-key check (it is deleted).</exception>
    public static async Task<BackupReport> RunAsync(DbConnectionFactory factory, string path, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new IOException($"{full} exists.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        File.Delete(partial);
        await using (var source = (SqliteConnection)await factory.OpenAsync(ct))
        await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
        {
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
            var problems = await CheckAsync(target, ct);
            if (problems is not null)
            {
                await target.CloseAsync();
                File.Delete(partial);
                throw new InvalidDataException(problems);
            }
        }
        File.Move(partial, full, overwrite: false);
        await using var stream = File.OpenRead(full);
        var sha = Convert.ToHexString(await SHA256.HashDataAsync(stream, ct)).ToLowerInvariant();
        return new BackupReport(full, stream.Length, sha);
    }

    /// <summary>Null when the database passes <c>integrity_check</c> and <c>foreign_key_check</c>, else what failed.</summary>
    public static async Task<string?> CheckAsync(SqliteConnection conn, CancellationToken ct = default)
    {
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = IntegrityCheckSql;
            var integrity = (string?)await cmd.ExecuteScalarAsync(ct);
            if (integrity != "ok")
            {
                return $"integrity_check: {integrity}";
            }
        }
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = ForeignKeyCheckSql;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                return $"foreign_key_check: table {reader.GetString(0)} row {reader.GetValue(1)} refers to a missing {reader.GetString(2)}";
            }
        }
        return null;
    }
}
