using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Baihe.Tests.Data.Database;

public class MigrationTests
{
    [Fact]
    public async Task Migrate_OnAFreshFile_AppliesEveryScriptAndASecondRunAppliesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();

        // CreateAsync already migrated once; the journal must hold every script.
        var expected = DatabaseMigrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Name).ToList();
        Assert.NotEmpty(expected);
        await using (var conn = await db.Factory.OpenAsync())
        {
            var journaled = (await conn.QueryAsync<string>("SELECT ScriptName FROM SchemaVersions ORDER BY ScriptName")).ToList();
            Assert.Equal(expected, journaled);
        }

        var second = DatabaseMigrator.Migrate(db.Factory);

        Assert.Empty(second);
    }

    [Fact]
    public void Scripts_AreNumberedTheSameForBothEngines()
    {
        var sqlServer = DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Name[..4]).ToList();
        var sqlite = DatabaseMigrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Name[..4]).ToList();

        Assert.NotEmpty(sqlServer);
        Assert.Equal(sqlServer, sqlite);
        Assert.All(sqlServer, n => Assert.Matches("^[0-9]{4}$", n));
    }

    [Fact]
    public async Task SqliteConnections_UseWalForeignKeysAndABusyTimeout()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var conn = await db.Factory.OpenAsync();

        Assert.Equal("wal", await conn.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
        Assert.Equal(1L, await conn.ExecuteScalarAsync<long>("PRAGMA foreign_keys;"));
        Assert.Equal(5000L, await conn.ExecuteScalarAsync<long>("PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task Constraints_LiveInTheDatabase()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var conn = await db.Factory.OpenAsync();
        var memberId = await conn.ExecuteScalarAsync<long>("SELECT MIN(Id) FROM Member;");

        // Foreign key: a grid that does not exist.
        await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync(
            "INSERT INTO Member (GridId, Name, CreatedAt) VALUES (9999, '测试', '2026-01-01 00:00:00');"));
        // CHECK: points are never zero.
        await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync(
            "INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@memberId, 1, 0, '2026-01-01', 'Service', '2026-01-01');",
            new { memberId }));
        // CHECK: a known stage only.
        await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("UPDATE ResidentTask SET Stage = 'Lost' WHERE Id = (SELECT MIN(Id) FROM ResidentTask);"));
        // UNIQUE: one active membership per member per team.
        await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("""
            INSERT INTO Membership (TeamId, MemberId, Role, JoinedOn)
            SELECT TeamId, MemberId, 'Member', '2026-01-01' FROM Membership WHERE LeftOn IS NULL LIMIT 1;
            """));
        // UNIQUE: at most one active 队长 per team.
        await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("""
            UPDATE Membership SET Role = 'Lead'
            WHERE Id = (SELECT MIN(Id) FROM Membership WHERE Role = 'Member' AND LeftOn IS NULL AND TeamId = (SELECT MIN(Id) FROM Team));
            """));
        // CHECK: nobody leaves before joining.
        await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync(
            "UPDATE Membership SET LeftOn = '2000-01-01' WHERE Id = (SELECT MIN(Id) FROM Membership);"));
    }

    [Fact]
    public async Task Ledger_RejectsUpdateAndDelete()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var conn = await db.Factory.OpenAsync();
        var before = await conn.ExecuteScalarAsync<long>("SELECT SUM(Points) FROM PointEntry;");

        var update = await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("UPDATE PointEntry SET Points = 100 WHERE Id = 1;"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("DELETE FROM PointEntry WHERE Id = 1;"));

        Assert.Contains("只能追加", update.Message);
        Assert.Contains("只能追加", delete.Message);
        Assert.Equal(before, await conn.ExecuteScalarAsync<long>("SELECT SUM(Points) FROM PointEntry;"));
    }

    [Fact]
    public void Builder_CarriesTheConfiguredExecutionTimeout()
    {
        var sqlServer = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.SqlServer, "Server=nowhere;Database=baihe") { MigrationTimeout = TimeSpan.FromMinutes(45) });
        var sqlite = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:"));

        Assert.Equal(45 * 60, DatabaseMigrator.Builder(sqlServer).BuildConfiguration().ScriptExecutor.ExecutionTimeoutSeconds);
        Assert.Equal(30 * 60, DatabaseMigrator.Builder(sqlite).BuildConfiguration().ScriptExecutor.ExecutionTimeoutSeconds);
    }

    [Fact]
    public void ReadOptions_ReadsTheMigrationTimeoutInMinutes()
    {
        static DatabaseOptions Read(string? minutes) => Baihe.Data.BaiheDataServices.ReadOptions(
            new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:MigrationTimeoutMinutes"] = minutes })
                .Build(),
            Path.GetTempPath());

        Assert.Equal(TimeSpan.FromMinutes(30), Read(null).MigrationTimeout);
        Assert.Equal(TimeSpan.FromMinutes(90), Read("90").MigrationTimeout);
        Assert.Throws<InvalidOperationException>(() => Read("0"));
        Assert.Throws<InvalidOperationException>(() => Read("soon"));
    }

    [Theory]
    [InlineData("Chinese_PRC_100_CI_AS_SC")]
    [InlineData("Chinese_PRC_CI_AS")]
    [InlineData("SQL_Latin1_General_CP1_CI_AS")]
    [InlineData("Latin1_General_100_CI_AS_SC_UTF8")]
    public void CollationCheck_AcceptsCaseInsensitiveDefaults(string collation) =>
        Assert.Null(DatabaseMigrator.CollationRefusal(collation));

    [Theory]
    [InlineData("Chinese_PRC_CS_AS")]
    [InlineData("SQL_Latin1_General_CP1_CS_AS")]
    [InlineData("Chinese_PRC_BIN2")]
    [InlineData("Latin1_General_BIN")]
    [InlineData(null)]
    public void CollationCheck_RefusesCaseSensitiveOrBinaryDefaultsInChineseAndEnglish(string? collation)
    {
        var refusal = DatabaseMigrator.CollationRefusal(collation);

        Assert.NotNull(refusal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", refusal);
        Assert.Contains("collation", refusal);
    }
}
