using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.Data.Database;

/// <summary>Servers that start together on one new database: each script applied once, the demo seeded once.</summary>
public sealed class MigrationLockTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "baihe-tests", $"lock-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task TwoMigrators_StartedTogetherOnOneFreshFile_BothComplete_AndApplyEachScriptOnce()
    {
        var scripts = DatabaseMigrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Name).ToList();
        using var start = new Barrier(2);
        IReadOnlyList<string> Run()
        {
            var factory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_file}"));
            start.SignalAndWait();
            return DatabaseMigrator.Migrate(factory);
        }

        var results = await Task.WhenAll(Task.Run(Run), Task.Run(Run));

        // One of them applied everything, the other found nothing left to do.
        Assert.Equal(scripts, results.SelectMany(r => r).Order(StringComparer.Ordinal).ToList());
        Assert.Contains(results, r => r.Count == 0);
        await using var conn = Open();
        Assert.Empty(await conn.QueryAsync<string>("SELECT ScriptName FROM SchemaVersions GROUP BY ScriptName HAVING COUNT(*) > 1;"));
        Assert.Equal(scripts.Count, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SchemaVersions;"));
    }

    [Fact]
    public async Task TwoServers_StartingTogetherOnANewDatabase_SeedTheDemoCommunityOnce()
    {
        await using var first = new AppOverFile(_file);
        await using var second = new AppOverFile(_file);
        using var start = new Barrier(2);
        void Start(AppOverFile app)
        {
            start.SignalAndWait();
            _ = app.Services; // starts the host: migrations, then the seed
        }

        await Task.WhenAll(Task.Run(() => Start(first)), Task.Run(() => Start(second)));

        await using var conn = Open();
        // 百合园社区 and the sample communities beside it, each once.
        Assert.Equal(1 + DemoSeeder.SampleCommunities.Count, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Community;"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Community WHERE Name = '百合园社区';"));
        Assert.Equal(DemoSeeder.NeighbourLeadCount + DemoSeeder.SampleCommunities.Sum(c => c.Leads),
            await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Member WHERE IsNeighbourLead = 1;"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AppUser WHERE UserName = 'shuji';"));
        Assert.Empty(await conn.QueryAsync<string>("SELECT ScriptName FROM SchemaVersions GROUP BY ScriptName HAVING COUNT(*) > 1;"));
    }

    [Fact]
    public void TheLock_KeepsASecondHolderWaiting_UntilTheFirstReleasesIt()
    {
        var factory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_file}"));

        using (MigrationLock.Acquire(factory))
        {
            Assert.Throws<TimeoutException>(() => MigrationLock.Acquire(factory, TimeSpan.FromMilliseconds(300)));
        }

        using var again = MigrationLock.Acquire(factory, TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void AnInMemoryDatabase_HasNoLockFile_AndAFileDatabase_ALockFileBesideIt()
    {
        Assert.Null(MigrationLock.SqliteLockFile("Data Source=:memory:"));
        Assert.Equal(Path.GetFullPath(_file) + ".migrate.lock", MigrationLock.SqliteLockFile($"Data Source={_file}"));
    }

    [SkippableFact]
    public async Task OnSqlServer_TwoMigratorsStartedTogether_ApplyEachScriptOnce_AndTheAppLockKeepsASecondHolderWaiting()
    {
        TestDatabase.SkipUnlessAvailable(DatabaseProvider.SqlServer);
        var master = Environment.GetEnvironmentVariable(TestDatabase.SqlServerVariable)!;
        var name = $"baihe_lock_{Guid.NewGuid():N}";
        await ExecuteAsync(master, $"CREATE DATABASE [{name}];");
        try
        {
            var cs = new SqlConnectionStringBuilder(master) { InitialCatalog = name }.ConnectionString;
            var scripts = DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Name).ToList();
            using var start = new Barrier(2);
            IReadOnlyList<string> Run()
            {
                var factory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.SqlServer, cs));
                start.SignalAndWait();
                return DatabaseMigrator.Migrate(factory);
            }

            var results = await Task.WhenAll(Task.Run(Run), Task.Run(Run));

            Assert.Equal(scripts, results.SelectMany(r => r).Order(StringComparer.Ordinal).ToList());
            await using (var conn = new SqlConnection(cs))
            {
                Assert.Equal(scripts.Count, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM SchemaVersions;"));
            }
            var lockFactory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.SqlServer, cs));
            using (MigrationLock.Acquire(lockFactory))
            {
                Assert.Throws<TimeoutException>(() => MigrationLock.Acquire(lockFactory, TimeSpan.FromMilliseconds(300)));
            }
            using var again = MigrationLock.Acquire(lockFactory, TimeSpan.FromMilliseconds(300));
        }
        finally
        {
            SqlConnection.ClearAllPools();
            await ExecuteAsync(master, $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}];");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var conn = new SqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private SqliteConnection Open()
    {
        var conn = new SqliteConnection($"Data Source={_file}");
        conn.Open();
        return conn;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".migrate.lock" })
        {
            File.Delete(_file + suffix);
        }
    }
}
