using System.Reflection;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.Sqlite;

namespace Baihe.Data.Database;

/// <summary>
/// Applies the numbered scripts of <c>database/sqlserver</c> or <c>database/sqlite</c> (embedded in this
/// assembly) with DbUp. DbUp journals each script, so a second run applies nothing.
/// </summary>
public static class DatabaseMigrator
{
    private const string WalSqlite = "PRAGMA journal_mode = WAL;";

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

    /// <summary>Applies the scripts not yet journaled and returns their names.</summary>
    /// <exception cref="InvalidOperationException">A script failed; the message says which.</exception>
    public static IReadOnlyList<string> Migrate(DbConnectionFactory factory)
    {
        UpgradeEngine engine;
        if (factory.IsSqlite)
        {
            // WAL is a property of the file, so set it once here rather than on every connection.
            using (var conn = new SqliteConnection(factory.ConnectionString))
            {
                conn.Open();
                using var cmd = conn.CreateCommand();
                cmd.CommandText = WalSqlite;
                cmd.ExecuteNonQuery();
            }
            engine = DeployChanges.To.SqliteDatabase(factory.ConnectionString)
                .WithScripts(Scripts(DatabaseProvider.Sqlite))
                .WithTransactionPerScript()
                .LogToNowhere()
                .Build();
        }
        else
        {
            engine = DeployChanges.To.SqlDatabase(factory.ConnectionString)
                .WithScripts(Scripts(DatabaseProvider.SqlServer))
                .WithTransactionPerScript()
                .LogToNowhere()
                .Build();
        }

        var result = engine.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException(
                $"Database migration failed in script '{result.ErrorScript?.Name}': {result.Error.Message}", result.Error);
        }
        return result.Scripts.Select(s => s.Name).ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
