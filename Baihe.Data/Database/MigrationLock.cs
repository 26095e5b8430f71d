using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Baihe.Data.Database;

/// <summary>
/// One migrator at a time across every server that shares the database, held from before DbUp reads its journal until
/// the demo seed (if any) is in. Without it two servers starting together both see script N as pending and both run it.
/// SQL Server: an exclusive application lock owned by a dedicated session. SQLite: an exclusive lock on a sidecar file
/// beside the database (<c>baihe.db.migrate.lock</c>), not on the database itself, because DbUp writes through its own
/// connection, which a <c>BEGIN EXCLUSIVE</c> held elsewhere would shut out; servers sharing one SQLite file share its
/// folder, so they see the same sidecar.
/// </summary>
public sealed class MigrationLock : IDisposable
{
    /// <summary>The application lock's name on SQL Server.</summary>
    public const string Resource = "Baihe.Migrations";

    /// <summary>How long a starting server waits for another one's migration before giving up.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(10);

    private const string GetLockSqlServer = """
        DECLARE @result INT;
        EXEC @result = sp_getapplock @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @TimeoutMs;
        SELECT @result;
        """;

    private const string ReleaseLockSqlServer = "EXEC sp_releaseapplock @Resource = @Resource, @LockOwner = 'Session';";

    private readonly SqlConnection? _session;
    private readonly FileStream? _file;

    private MigrationLock(SqlConnection? session, FileStream? file)
    {
        _session = session;
        _file = file;
    }

    /// <summary>The sidecar lock file of a SQLite database, or null for an in-memory one (which nobody else can open).</summary>
    public static string? SqliteLockFile(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file::memory:", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(source) + ".migrate.lock";
    }

    /// <summary>Waits for the lock, up to <paramref name="wait"/> (<see cref="DefaultWait"/> by default).</summary>
    /// <exception cref="TimeoutException">Another server held it for longer.</exception>
    public static MigrationLock Acquire(DbConnectionFactory factory, TimeSpan? wait = null)
    {
        var timeout = wait ?? DefaultWait;
        return factory.IsSqlite ? AcquireFile(factory.ConnectionString, timeout) : AcquireAppLock(factory.ConnectionString, timeout);
    }

    private static MigrationLock AcquireFile(string connectionString, TimeSpan timeout)
    {
        if (SqliteLockFile(connectionString) is not { } path)
        {
            return new MigrationLock(null, null);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // FileShare.None is an flock(LOCK_EX) on Linux and a share-mode lock on Windows: the kernel drops it
                // when the process dies, so a crashed server never leaves the others waiting. The file stays after
                // release; deleting it would let a waiter lock the old inode while a newcomer locks a new one.
                return new MigrationLock(null, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(50, 150));
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Another server held the migration lock {path} for more than {timeout}.", e);
            }
        }
    }

    private static MigrationLock AcquireAppLock(string connectionString, TimeSpan timeout)
    {
        // A connection of its own, outside the pool, so the session (and with it the lock) ends when we close it and a
        // pooled connection never carries the lock back to the app.
        var session = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            session.Open();
            using var cmd = session.CreateCommand();
            cmd.CommandText = GetLockSqlServer;
            cmd.CommandTimeout = (int)timeout.TotalSeconds + 30;
            cmd.Parameters.Add("@Resource", SqlDbType.NVarChar, 255).Value = Resource;
            cmd.Parameters.Add("@TimeoutMs", SqlDbType.Int).Value = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
            var result = Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            // 0 granted at once, 1 granted after waiting; -1 timeout, -2 cancelled, -3 deadlock victim, -999 bad call.
            if (result < 0)
            {
                throw new TimeoutException($"sp_getapplock '{Resource}' returned {result}: another server held the migration lock for more than {timeout}.");
            }
            return new MigrationLock(session, null);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (_session is not null)
        {
            try
            {
                using var cmd = _session.CreateCommand();
                cmd.CommandText = ReleaseLockSqlServer;
                cmd.Parameters.Add("@Resource", SqlDbType.NVarChar, 255).Value = Resource;
                cmd.ExecuteNonQuery();
            }
            catch (SqlException)
            {
                // The session is closed next, which releases a session-owned lock anyway.
            }
            _session.Dispose();
        }
        _file?.Dispose();
    }
}
