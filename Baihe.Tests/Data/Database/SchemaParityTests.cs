using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.Data.Database;

public class SchemaParityTests
{
    [Fact]
    public async Task SqliteSchema_HasTheSameTablesAndColumnsAsTheSqlServerScripts()
    {
        var declared = TSql.DeclaredColumns(DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Contents));

        await using var db = await TestDatabase.CreateAsync();
        await using var conn = await db.Factory.OpenAsync();
        // table_xinfo, not table_info: it also lists generated columns (ClosedMonth, FulfilledMonth).
        var rows = await conn.QueryAsync<(string Table, string Column)>("""
            SELECT m.name, c.name
            FROM sqlite_master m
            JOIN pragma_table_xinfo(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'SchemaVersions'
            """);
        var actual = rows.GroupBy(r => r.Table)
            .ToDictionary(g => g.Key, g => new SortedSet<string>(g.Select(r => r.Column), StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

        Assert.True(declared.Count >= 25, $"expected the whole domain, found {declared.Count} tables");
        Assert.Equal(declared.Keys.Order(StringComparer.OrdinalIgnoreCase), actual.Keys.Order(StringComparer.OrdinalIgnoreCase));
        foreach (var (table, columns) in declared)
        {
            Assert.True(columns.SetEquals(actual[table]),
                $"{table}: SQL Server has [{string.Join(", ", columns.Except(actual[table]))}] only, SQLite has [{string.Join(", ", actual[table].Except(columns))}] only");
        }
    }

    [Fact]
    public void ParityCheck_NoticesAColumnMissingOnOneSide()
    {
        // Guards the guard: a script with one more column must not compare equal.
        var declared = TSql.DeclaredColumns(["CREATE TABLE [dbo].[Grid] ([Id] INT NOT NULL, [Extra] INT NULL);"]);

        Assert.Contains("Extra", declared["Grid"]);
        Assert.False(declared["Grid"].SetEquals(["Id"]));
    }

    /// <summary>Every length-limited character column of the SQL Server scripts, after their ALTERs.</summary>
    public static TheoryData<string, string, int> LengthLimitedColumns()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var c in TSql.TextColumns(DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Contents)).Values
                     .Where(c => c.Length is not null).OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.Column, StringComparer.Ordinal))
        {
            data.Add(c.Table, c.Column, c.Length!.Value);
        }
        return data;
    }

    [Fact]
    public void LengthParity_FindsTheSchemasLengthLimitedColumns()
    {
        // Guards the guard: the generated cases are the real schema, not an empty list.
        var columns = LengthLimitedColumns().Select(row => $"{row[0]}.{row[1]}({row[2]})").ToList();

        Assert.True(columns.Count >= 60, $"found only {columns.Count}");
        Assert.Contains("Member.Name(20)", columns);
        Assert.Contains("Redemption.IdempotencyKey(64)", columns);
    }

    [Theory]
    [MemberData(nameof(LengthLimitedColumns))]
    public async Task LengthParity_SqliteRefusesAValueLongerThanTheSqlServerColumn(string table, string column, int length)
    {
        // SQLite ignores the n of NVARCHAR(n); SQL Server refuses a longer value. Without this, the demo accepts a name
        // that production refuses. Chinese characters, because length is counted in characters, not bytes.
        await using var db = await TestDatabase.CreateAsync();
        await using var conn = await db.Factory.OpenAsync();

        var tooLong = await Assert.ThrowsAsync<SqliteException>(() =>
            conn.ExecuteAsync($"INSERT INTO {table} ({column}) VALUES (@value);", new { value = new string('长', length + 1) }));
        Assert.Contains(LengthRefusal, tooLong.Message);

        // Exactly n characters is not refused for its length (other constraints may still refuse the bare row).
        try
        {
            await conn.ExecuteAsync($"INSERT INTO {table} ({column}) VALUES (@value);", new { value = new string('长', length) });
        }
        catch (SqliteException e)
        {
            Assert.DoesNotContain(LengthRefusal, e.Message);
        }
    }

    [Fact]
    public async Task LengthParity_AlsoHoldsForUpdates()
    {
        await using var db = await TestDatabase.SeededAsync();
        await using var conn = await db.Factory.OpenAsync();
        var tables = TSql.TextColumns(DatabaseMigrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Contents)).Values
            .Where(c => c.Length is not null).Select(c => c.Table).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var triggers = (await conn.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'trigger';")).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(tables, t => Assert.Contains($"TR_{t}_Lengths_Update", triggers));
        var refused = await Assert.ThrowsAsync<SqliteException>(() =>
            conn.ExecuteAsync("UPDATE Member SET Name = @name WHERE Id = (SELECT MIN(Id) FROM Member);", new { name = new string('名', 21) }));
        Assert.Contains(LengthRefusal, refused.Message);
    }

    /// <summary>The words every SQLite length trigger raises (database/sqlite/0007).</summary>
    private const string LengthRefusal = "超过长度上限";
}
