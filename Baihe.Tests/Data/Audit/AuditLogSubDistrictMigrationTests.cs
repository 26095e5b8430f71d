using Baihe.Data.Database;
using Dapper;
using DbUp;
using DbUp.Helpers;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.Data.Audit;

/// <summary>Migration 0024 gives the rows already in the log their 街道, and leaves the log append-only.</summary>
public class AuditLogSubDistrictMigrationTests
{
    [Fact]
    public async Task ExistingRows_GetTheirCommunitysSubDistrict_AndTheLogStillRefusesUpdates()
    {
        var file = Path.Combine(Path.GetTempPath(), "baihe-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var cs = $"Data Source={file};Foreign Keys=True";
        try
        {
            var before = DatabaseMigrator.Scripts(DatabaseProvider.Sqlite).Where(s => string.CompareOrdinal(s.Name, "0024") < 0).ToList();
            Assert.True(DeployChanges.To.SqliteDatabase(cs).WithScripts(before).WithTransactionPerScript().LogToNowhere().Build().PerformUpgrade().Successful);
            await using (var conn = new SqliteConnection(cs))
            {
                await conn.ExecuteAsync("""
                    INSERT INTO SubDistrict (Id, Name, District, City) VALUES (7, '金东街道', '金平区', '汕头市');
                    INSERT INTO Community (Id, SubDistrictId, Name) VALUES (3, 7, '百合园社区');
                    INSERT INTO AuditLog (OccurredAt, UserName, Action, EntityType, EntityId, CommunityId) VALUES ('2026-11-01 09:00:00', 'shuji', 'Roster.AddMember', 'Team', '1', 3);
                    INSERT INTO AuditLog (OccurredAt, UserName, Action, EntityType, EntityId, CommunityId) VALUES ('2026-11-01 09:01:00', 'admin', 'User.Create', 'AppUser', '9', NULL);
                    """);
            }

            var after = DeployChanges.To.SqliteDatabase(cs).WithScripts(DatabaseMigrator.Scripts(DatabaseProvider.Sqlite)).WithTransactionPerScript().LogToNowhere().Build().PerformUpgrade();

            Assert.True(after.Successful, after.Error?.Message);
            await using var check = new SqliteConnection(cs);
            var rows = (await check.QueryAsync<(string UserName, long? SubDistrictId)>("SELECT UserName, SubDistrictId FROM AuditLog ORDER BY Id;")).ToList();
            Assert.Equal([("shuji", (long?)7), ("admin", (long?)null)], rows);
            var refused = await Assert.ThrowsAsync<SqliteException>(() => check.ExecuteAsync("UPDATE AuditLog SET UserName = 'x';"));
            Assert.Contains("只能追加", refused.Message);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }
    }
}
