using Baihe.Data.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.Data.Database;

/// <summary>
/// Migration 0020 on a real SQLite file holding tasks written before it: the scripts up to 0019 are applied, old-style
/// rows inserted (the three-point rating, no result, reopens noted only in the timeline), then 0020 is applied.
/// </summary>
public class TaskResultMigrationTests
{
    private sealed class Row
    {
        public int Id { get; init; }
        public string Stage { get; init; } = "";
        public string? Result { get; init; }
        public string? Satisfaction { get; init; }
    }

    private static void Apply(SqliteConnection conn, Func<string, bool> which)
    {
        foreach (var script in DatabaseMigrator.Scripts(DatabaseProvider.Sqlite).Where(s => which(s.Name)))
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = script.Contents;
            cmd.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task ExistingRatingsKeepTheirMeaning_ClosedTasksAreSolved_AndAResidentsReopenBecomesItsResult()
    {
        var file = Path.Combine(Path.GetTempPath(), "baihe-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            await using var conn = new SqliteConnection($"Data Source={file};Pooling=False");
            await conn.OpenAsync();
            Apply(conn, name => string.CompareOrdinal(name, "0020") < 0);
            await conn.ExecuteAsync("""
                INSERT INTO SubDistrict (Id, Name, District, City) VALUES (1, '金东街道', '婺城区', '金华市');
                INSERT INTO Community (Id, SubDistrictId, Name) VALUES (1, 1, '迁移社区');
                INSERT INTO Grid (Id, CommunityId, Name, SortOrder) VALUES (1, 1, '一网格', 1);
                INSERT INTO ResidentTask (Id, GridId, Title, Description, Category, Source, Stage, CollectedAt, DueAt, ClosedAt, Resolution, Satisfaction) VALUES
                    (1, 1, '满意办结', '-', '其他', 'Hotline', 'Closed',   '2026-03-01 09:00:00', '2026-03-04 09:00:00', '2026-03-03 09:00:00', '修好', 'Satisfied'),
                    (2, 1, '基本满意', '-', '其他', 'Hotline', 'Closed',   '2026-03-01 09:00:00', '2026-03-04 09:00:00', '2026-03-03 09:00:00', '修好', 'Basic'),
                    (3, 1, '居民不满意', '-', '其他', 'Hotline', 'Assigned', '2026-03-01 09:00:00', '2026-03-09 09:00:00', NULL, '修好', NULL),
                    (4, 1, '问题未解决', '-', '其他', 'Hotline', 'Assigned', '2026-03-01 09:00:00', '2026-03-09 09:00:00', NULL, '修好', NULL),
                    (5, 1, '复核未通过', '-', '其他', 'Hotline', 'Assigned', '2026-03-01 09:00:00', '2026-03-09 09:00:00', NULL, '修好', NULL),
                    (6, 1, '待回访', '-', '其他', 'Hotline', 'Resolved', '2026-03-01 09:00:00', '2026-03-09 09:00:00', NULL, '修好', NULL),
                    (7, 1, '旧不满意', '-', '其他', 'Hotline', 'Resolved', '2026-03-01 09:00:00', '2026-03-09 09:00:00', NULL, '修好', 'Dissatisfied'),
                    (8, 1, '先不满意后未解决', '-', '其他', 'Hotline', 'Assigned', '2026-03-01 09:00:00', '2026-03-09 09:00:00', NULL, '修好', NULL);
                INSERT INTO TaskStageHistory (TaskId, FromStage, ToStage, ChangedAt, Note) VALUES
                    (3, 'Resolved', 'Assigned', '2026-03-05 09:00:00', '重新分办：居民不满意；原因：态度不好'),
                    (4, 'Resolved', 'Assigned', '2026-03-05 09:00:00', '重新分办：问题未解决；原因：仍漏水'),
                    (5, 'Resolved', 'Assigned', '2026-03-05 09:00:00', '重新分办：复核未通过；原因：现场仍有积水'),
                    (8, 'Resolved', 'Assigned', '2026-03-04 09:00:00', '重新分办：居民不满意；原因：慢'),
                    (8, 'Resolved', 'Assigned', '2026-03-06 09:00:00', '重新分办：问题未解决；原因：又坏了');
                """);

            Apply(conn, name => name.StartsWith("0020", StringComparison.Ordinal));

            var rows = (await conn.QueryAsync<Row>("SELECT Id, Stage, Result, Satisfaction FROM ResidentTask ORDER BY Id;")).ToDictionary(r => r.Id);
            // 满意 stays 满意 and 基本满意 stays 基本满意; a closed task could only be closed as fixed, so its result is 解决.
            Assert.Equal(("Resolved", "Satisfied"), (rows[1].Result, rows[1].Satisfaction));
            Assert.Equal(("Resolved", "Basic"), (rows[2].Result, rows[2].Satisfaction));
            // A task the resident sent back: its last reopen says why. 居民不满意 (fixed, but dissatisfied) → 解决 + 不满意;
            // 问题未解决 → 未解决. The last reopen wins (task 8).
            Assert.Equal(("Resolved", "Dissatisfied"), (rows[3].Result, rows[3].Satisfaction));
            Assert.Equal(("Unresolved", (string?)null), (rows[4].Result, rows[4].Satisfaction));
            Assert.Equal(("Unresolved", (string?)null), (rows[8].Result, rows[8].Satisfaction));
            // A reopen on review and a task awaiting its callback have no classified result yet.
            Assert.Equal(((string?)null, (string?)null), (rows[5].Result, rows[5].Satisfaction));
            Assert.Equal(((string?)null, (string?)null), (rows[6].Result, rows[6].Satisfaction));
            // 不满意 stays 不满意.
            Assert.Equal(((string?)null, "Dissatisfied"), (rows[7].Result, rows[7].Satisfaction));

            // The new scale is in force: 未评价 and 部分解决 are accepted, anything else refused.
            await conn.ExecuteAsync("UPDATE ResidentTask SET Satisfaction = 'Unrated', Result = 'Partial' WHERE Id = 6;");
            await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("UPDATE ResidentTask SET Satisfaction = 'Happy' WHERE Id = 6;"));
            await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("UPDATE ResidentTask SET Result = 'Fixed' WHERE Id = 6;"));
            // The length triggers came back, with Result in them.
            await Assert.ThrowsAsync<SqliteException>(() => conn.ExecuteAsync("UPDATE ResidentTask SET Title = @t WHERE Id = 6;", new { t = new string('长', 101) }));
            Assert.Equal(2, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'TR_ResidentTask_Lengths_%' AND sql LIKE '%Result%';"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
