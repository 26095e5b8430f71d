using Baihe.Data.Database;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.TestSupport;

/// <summary>
/// A real, migrated database for one test: a fresh SQLite file, or a fresh database on the SQL Server named by
/// <c>BAIHE_TEST_SQLSERVER</c>. Data tests never mock Dapper.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The environment variable holding a SQL Server connection string for the live suite.</summary>
    public const string SqlServerVariable = "BAIHE_TEST_SQLSERVER";

    private readonly string? _file;
    private readonly string? _sqlServerMaster;
    private readonly string? _sqlServerName;

    private TestDatabase(DbConnectionFactory factory, BaiheClock clock, string? file, string? master, string? name)
    {
        Factory = factory;
        Clock = clock;
        _file = file;
        _sqlServerMaster = master;
        _sqlServerName = name;
    }

    public DbConnectionFactory Factory { get; }

    public BaiheClock Clock { get; }

    /// <summary>The SQLite file, for tests that need to read or break it.</summary>
    public string File => _file ?? throw new InvalidOperationException("Not a SQLite test database.");

    /// <summary>The provider the database runs on.</summary>
    public DatabaseProvider Provider => _file is null ? DatabaseProvider.SqlServer : DatabaseProvider.Sqlite;

    /// <summary>The SQL Server collation every test database is created with, the one the schema pins its columns to.</summary>
    public const string SqlServerCollation = "Chinese_PRC_100_CI_AS_SC";

    /// <summary>The providers every query test runs on; SQL Server is skipped unless configured.</summary>
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.SqlServer };

    /// <summary>
    /// The providers a concurrency test runs on, with SQL Server's READ_COMMITTED_SNAPSHOT both off (the default of a new
    /// database) and on (what many hosted servers turn on): readers see the last committed row instead of waiting on a
    /// writer's lock under RCSI, so a check-then-write that is safe under one setting can be unsafe under the other.
    /// SQLite has no such setting and runs once.
    /// </summary>
    public static TheoryData<DatabaseProvider, bool> ProvidersWithSnapshot => new()
    {
        { DatabaseProvider.Sqlite, false },
        { DatabaseProvider.SqlServer, false },
        { DatabaseProvider.SqlServer, true },
    };

    /// <summary>Skips the calling test (reported as skipped) when the provider cannot run here.</summary>
    public static void SkipUnlessAvailable(DatabaseProvider provider) =>
        Skip.If(provider == DatabaseProvider.SqlServer && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerVariable)),
            $"SQL Server suite skipped: set {SqlServerVariable} to a connection string to run it.");

    /// <summary>
    /// A new migrated database, empty but for reference data. On SQL Server it is created with
    /// <see cref="SqlServerCollation"/> (the migrator refuses a case-sensitive or binary default, and the server's own
    /// default may be either), and with READ_COMMITTED_SNAPSHOT on when <paramref name="readCommittedSnapshot"/> is set.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, DateTimeOffset? now = null,
        bool readCommittedSnapshot = false)
    {
        SkipUnlessAvailable(provider);
        var clock = new BaiheClock(new FixedTimeProvider(now ?? FixedTimeProvider.Default));
        TestDatabase db;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "baihe-tests", $"{Guid.NewGuid():N}.db");
            db = new TestDatabase(new DbConnectionFactory(new DatabaseOptions(provider, $"Data Source={file}")), clock, file, null, null);
        }
        else
        {
            var master = Environment.GetEnvironmentVariable(SqlServerVariable)!;
            var name = $"baihe_test_{Guid.NewGuid():N}";
            await using (var conn = new SqlConnection(master))
            {
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE [{name}] COLLATE {SqlServerCollation};";
                await cmd.ExecuteNonQueryAsync();
                if (readCommittedSnapshot)
                {
                    // Nobody else is connected to a database created a moment ago; ROLLBACK IMMEDIATE only keeps the
                    // ALTER from waiting on a pooled connection if one ever is.
                    cmd.CommandText = $"ALTER DATABASE [{name}] SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;";
                    await cmd.ExecuteNonQueryAsync();
                }
            }
            var cs = new SqlConnectionStringBuilder(master) { InitialCatalog = name }.ConnectionString;
            db = new TestDatabase(new DbConnectionFactory(new DatabaseOptions(provider, cs)), clock, null, master, name);
        }
        DatabaseMigrator.Migrate(db.Factory);
        return db;
    }

    /// <summary>A seeded database with the demo accounts too (jiedao, shuji, admin and the four leads).</summary>
    public static async Task<TestDatabase> WithAccountsAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, bool readCommittedSnapshot = false)
    {
        var db = await SeededAsync(provider, readCommittedSnapshot: readCommittedSnapshot);
        await new Baihe.Dashboard.Services.Auth.DemoAccounts(new Baihe.Data.Accounts.UserCommands(db.Factory, db.Clock),
            new Baihe.Data.Communities.CommunityQueries(db.Factory, db.Clock), new Baihe.Data.Teams.TeamQueries(db.Factory)).SeedAsync();
        return db;
    }

    /// <summary>
    /// A new resident of grid 1 with <paramref name="balance"/> points earned in 邻里互助, for tests that need a balance
    /// nobody else touches. The identity is read back per engine, and the name is a parameter (SQLite has no N'').
    /// </summary>
    public async Task<int> FreshMemberAsync(string name, int balance)
    {
        await using var conn = await Factory.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var id = await Baihe.Data.Database.SqlIdentity.InsertAsync(conn, tx, Factory.IsSqlite,
            "INSERT INTO Member (GridId, Name, CreatedAt) VALUES (1, @name, '2026-01-01 00:00:00');", new { name });
        if (balance > 0)
        {
            await Dapper.SqlMapper.ExecuteAsync(conn, "INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@id, 3, @balance, '2026-03-01 00:00:00', 'Service', '2026-03-01 00:00:00');",
                new { id, balance }, tx);
        }
        await tx.CommitAsync();
        return id;
    }

    /// <summary>
    /// Recounts the point summaries from the ledger, as the seeders do after writing ledger rows in bulk: for a test that
    /// inserts entries directly (the app only appends through PointLedger, which keeps the summaries) and then reads a
    /// figure the summaries answer (rankings of whole months, the month's redeemed total and line count).
    /// </summary>
    public async Task RecountSummariesAsync()
    {
        await using var conn = await Factory.OpenAsync();
        await Baihe.Data.Summaries.PointSummaryRebuild.RunAsync(conn, null);
    }

    /// <summary>The actor of a seeded account, as the dashboard builds it from the sign-in cookie.</summary>
    public async Task<Baihe.Data.Accounts.Actor> ActorAsync(string userName)
    {
        var user = await new Baihe.Data.Accounts.UserQueries(Factory).FindByUserNameAsync(userName)
            ?? throw new InvalidOperationException($"no user {userName}");
        return Baihe.Dashboard.Services.Auth.BaiheClaims.ToActor(Baihe.Dashboard.Services.Auth.BaiheClaims.Principal(user, "test"))!;
    }

    /// <summary>A new migrated database filled with the demo community.</summary>
    public static async Task<TestDatabase> SeededAsync(DatabaseProvider provider = DatabaseProvider.Sqlite, DateTimeOffset? now = null,
        bool readCommittedSnapshot = false)
    {
        var db = await CreateAsync(provider, now, readCommittedSnapshot);
        await new DemoSeeder(db.Factory, db.Clock).SeedAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                System.IO.File.Delete(_file + suffix);
            }
        }
        else if (_sqlServerMaster is not null)
        {
            SqlConnection.ClearAllPools();
            await using var conn = new SqlConnection(_sqlServerMaster);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"ALTER DATABASE [{_sqlServerName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_sqlServerName}];";
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
