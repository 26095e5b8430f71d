using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;

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
}
