using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Baihe.Data.Database;

/// <summary>
/// Applies the numbered scripts of <c>database/sqlserver</c> or <c>database/sqlite</c> (embedded in this
/// assembly) with DbUp. DbUp journals each script, so a second run applies nothing.
/// </summary>
public static class DatabaseMigrator
{
    private const string WalSqlite = "PRAGMA journal_mode = WAL;";

    private const string DatabaseCollationSqlServer = "SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS NVARCHAR (128));";

    /// <summary>The scripts for an engine, ordered by their number.</summary>
    public static IReadOnlyList<SqlScript> Scripts(DatabaseProvider provider)
    {
        var prefix = provider == DatabaseProvider.SqlServer ? "sqlserver/" : "sqlite/";
        var assembly = typeof(DatabaseMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new SqlScript(n[prefix.Length..], Read(assembly, n)))
            .ToList();
    }

    /// <summary>
    /// Applies the scripts not yet journaled and returns their names, under the <see cref="MigrationLock"/> so servers
    /// starting together apply each script once.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A script failed (the message says which), or the SQL Server database's default collation is case-sensitive or
    /// binary.
    /// </exception>
    /// <exception cref="TimeoutException">Another server held the migration lock too long.</exception>
    public static IReadOnlyList<string> Migrate(DbConnectionFactory factory)
    {
        using var hold = MigrationLock.Acquire(factory);
        return MigrateHoldingLock(factory);
    }

    /// <summary>
    /// Like <see cref="Migrate"/>, then runs <paramref name="thenUnderLock"/> before releasing the lock: start-up work
    /// that must happen once however many servers start together, such as seeding an empty database.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(DbConnectionFactory factory, Func<Task> thenUnderLock)
    {
        using var hold = await Task.Run(() => MigrationLock.Acquire(factory));
        var applied = await Task.Run(() => MigrateHoldingLock(factory));
        await thenUnderLock();
        return applied;
    }

    private static IReadOnlyList<string> MigrateHoldingLock(DbConnectionFactory factory)
    {
        if (factory.IsSqlite)
        {
            // WAL is a property of the file, so set it once here rather than on every connection.
            using var conn = new SqliteConnection(factory.ConnectionString);
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = WalSqlite;
            cmd.ExecuteNonQuery();
        }
        else
        {
            RefuseUnsafeCollation(factory.ConnectionString);
        }

        var result = Builder(factory).Build().PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Database migration failed in script '{result.ErrorScript?.Name}': {result.Error.Message}", result.Error);
        }
        return result.Scripts.Select(s => s.Name).ToList();
    }

    /// <summary>
    /// The DbUp engine for the factory's engine: its scripts, one transaction per script, and the factory's
    /// <see cref="DbConnectionFactory.MigrationTimeout"/> per statement (DbUp's default, 30 seconds, is too short to
    /// rewrite a large table's columns).
    /// </summary>
    public static UpgradeEngineBuilder Builder(DbConnectionFactory factory)
    {
        var builder = factory.IsSqlite
            ? DeployChanges.To.SqliteDatabase(factory.ConnectionString).WithScripts(Scripts(DatabaseProvider.Sqlite))
            : DeployChanges.To.SqlDatabase(factory.ConnectionString).WithScripts(Scripts(DatabaseProvider.SqlServer));
        return builder
            .WithTransactionPerScript()
            .WithExecutionTimeout(factory.MigrationTimeout)
            .LogToNowhere();
    }

    /// <summary>
    /// Why Baihe refuses a database with this default collation, or null when it is fine. Names and user names are
    /// unique case-insensitively; the schema pins its own columns to Chinese_PRC_100_CI_AS_SC, but the scripts before
    /// that pin, temp tables and literals use the database default, so a case-sensitive or binary default would let
    /// zhangsan and ZhangSan in as two accounts before the pin, and compare them differently from the columns after it.
    /// </summary>
    public static string? CollationRefusal(string? collation)
    {
        if (string.IsNullOrWhiteSpace(collation))
        {
            return "无法读取数据库的默认排序规则。 / The database's default collation could not be read.";
        }
        var parts = collation.ToUpperInvariant().Split('_');
        if (parts.Contains("CS") || parts.Any(p => p.StartsWith("BIN", StringComparison.Ordinal)))
        {
            return $"数据库的默认排序规则 {collation} 区分大小写或按二进制比较，会破坏用户名和名称的唯一性。请将数据库排序规则改为不区分大小写的规则（建议 Chinese_PRC_100_CI_AS_SC）后再升级。"
                + $" / The database's default collation {collation} is case-sensitive or binary, which would break the uniqueness of user names and names."
                + " Change the database collation to a case-insensitive one (Chinese_PRC_100_CI_AS_SC is recommended) and run the upgrade again.";
        }
        return null;
    }

    private static void RefuseUnsafeCollation(string connectionString)
    {
        using var conn = new SqlConnection(connectionString);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = DatabaseCollationSqlServer;
        if (CollationRefusal(cmd.ExecuteScalar() as string) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
