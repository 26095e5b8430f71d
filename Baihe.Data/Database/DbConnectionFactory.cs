using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Baihe.Data.Database;

/// <summary>
/// Opens one connection per call. Query classes are singletons and never hold a connection:
/// a Blazor Server circuit runs concurrent events, and pooled connections are cheap to open.
/// </summary>
public sealed class DbConnectionFactory
{
    private const string BusyTimeoutSqlite = "PRAGMA busy_timeout = 5000;";

    private readonly string _connectionString;

    // SQLite's library defaults to its serialized mode, which takes the connection's lock around every call into it:
    // each column of each row read. A DbConnection is never used by two threads at once, here or anywhere in ADO.NET,
    // so the multi-thread mode is as safe and skips those locks, a fifth of the CPU of reading a 100k-line month
    // (docs/performance.md). It can only be chosen before the library's first connection; when something opened one
    // earlier, the call is refused and the serialized mode stays, slower but just as correct.
    static DbConnectionFactory()
    {
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
    }

    /// <summary>Creates a factory for the given engine and connection string.</summary>
    public DbConnectionFactory(DatabaseOptions options)
    {
        Provider = options.Provider;
        MigrationTimeout = options.MigrationTimeout;
        _connectionString = options.Provider == DatabaseProvider.Sqlite
            ? NormaliseSqlite(options.ConnectionString)
            : options.ConnectionString;
    }

    /// <summary>The engine, so a query class can choose the SQL text of its dialect.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>True when running on the embedded SQLite engine.</summary>
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>How long one migration statement may run (<see cref="DatabaseOptions.MigrationTimeout"/>).</summary>
    public TimeSpan MigrationTimeout { get; }

    /// <summary>The effective connection string (SQLite options normalised).</summary>
    public string ConnectionString => _connectionString;

    /// <summary>Opens a new connection; the caller disposes it.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        DbConnection conn = IsSqlite ? new SqliteConnection(_connectionString) : new SqlConnection(_connectionString);
        try
        {
            await conn.OpenAsync(ct);
            if (IsSqlite)
            {
                // Foreign keys are enforced by the connection string; the busy timeout is per connection.
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = BusyTimeoutSqlite;
                await cmd.ExecuteNonQueryAsync(ct);
            }
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private static string NormaliseSqlite(string connectionString)
    {
        var b = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        if (b.Mode == SqliteOpenMode.ReadWriteCreate && !string.IsNullOrEmpty(b.DataSource) && b.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(b.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        return b.ToString();
    }
}
