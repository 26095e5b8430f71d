using Baihe.Bench.Scale;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Bench.Scale;

/// <summary>
/// The SQL Server path of seed-scale: the same generated rows as SQLite's (checked on SQLite), the options that choose
/// it, and the load itself (on the server named by BAIHE_TEST_SQLSERVER, skipped without it).
/// </summary>
public class ScaleSeederSqlServerTests
{
    private static readonly ScaleOptions Tiny = new(3, 300, 4000, 200, 300);

    [Fact]
    public async Task TheRowsGeneratedForABulkCopy_AreTheRowsTheSqlitePathWrites()
    {
        await using var db = await TestDatabase.CreateAsync();
        var seeder = new ScaleSeeder(db.Factory, db.Clock);

        var tables = seeder.Generate(Tiny, "x");
        await seeder.SeedAsync(Tiny, "x");

        await using var conn = await db.Factory.OpenAsync();
        foreach (var table in tables)
        {
            Assert.Equal(table.Rows.Count, await conn.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM {table.Name};"));
        }
        var ledger = tables.Single(t => t.Name == "PointEntry");
        Assert.Same(ledger, tables[^1]);
        int Column(string name) => ledger.Columns.ToList().IndexOf(name);
        var generated = ledger.Rows.Select(r => (Id: Convert.ToInt64(r[Column("Id")]), Member: Convert.ToInt64(r[Column("MemberId")]),
            Points: Convert.ToInt64(r[Column("Points")]), Reverses: r[Column("ReversesEntryId")] is { } v ? Convert.ToInt64(v) : (long?)null,
            Redemption: r[Column("RedemptionId")] is { } x ? Convert.ToInt64(x) : (long?)null)).ToList();
        var written = (await conn.QueryAsync<(long Id, long Member, long Points, long? Reverses, long? Redemption)>(
            "SELECT Id, MemberId, Points, ReversesEntryId, RedemptionId FROM PointEntry ORDER BY Id;")).ToList();
        Assert.Equal(written, generated);
        // The flags given as literals in the INSERT texts travel as bools, which SQL Server's bit columns take.
        var users = tables.Single(t => t.Name == "AppUser");
        Assert.All(users.Rows, r => Assert.Equal(false, r[users.Columns.ToList().IndexOf("IsDemo")]));
    }

    [Fact]
    public void TheTablesComeInForeignKeyOrder()
    {
        var db = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=:memory:"));
        var names = new ScaleSeeder(db, new BaiheClock(new FixedTimeProvider(FixedTimeProvider.Default))).Generate(Tiny, "x").Select(t => t.Name).ToList();

        string[] parentFirst = ["SubDistrict", "Community", "Grid", "Team", "AppUser", "Member", "Membership", "Activity", "ResidentTask", "MicroWish", "Redemption", "PointEntry"];
        Assert.Equal(parentFirst, names.Where(parentFirst.Contains));
        Assert.True(names.IndexOf("Reward") < names.IndexOf("Redemption"));
        Assert.True(names.IndexOf("Deliberation") < names.IndexOf("ResidentTask"));
    }

    [Theory]
    [InlineData(new[] { "--provider", "oracle" }, "--provider 应为 sqlite 或 sqlserver")]
    [InlineData(new[] { "--connection", "Server=x" }, "请同时用 --provider")]
    [InlineData(new[] { "--provider", "sqlserver", "--out", "x.db" }, "--out 只用于新的 SQLite 文件")]
    [InlineData(new[] { "--provider", "sqlserver", "--connection", " " }, "--connection 应为连接字符串")]
    public void BadTargets_GetAChineseMessage(string[] options, string message)
    {
        var (parsed, target, error) = ScaleSeedCli.ParseWithTarget(["seed-scale", .. options]);

        Assert.Null(parsed);
        Assert.Null(target);
        Assert.Contains(message, error);
    }

    [Fact]
    public void ProviderSqlServerWithAConnection_ChoosesTheSqlServerPath()
    {
        var (options, target, error) = ScaleSeedCli.ParseWithTarget(["seed-scale", "--provider", "sqlserver", "--connection", "Server=db;Database=scale", "--ledger", "10"]);

        Assert.Null(error);
        Assert.Equal(10, options!.Ledger);
        Assert.Equal(new ScaleTarget(DatabaseProvider.SqlServer, null, "Server=db;Database=scale"), target);
        Assert.Equal(new ScaleTarget(DatabaseProvider.Sqlite, "a.db", null), ScaleSeedCli.ParseWithTarget(["seed-scale", "--out", "a.db"]).Target);
    }

    [SkippableFact]
    public async Task OnSqlServer_ANonEmptyDatabaseIsRefusedInChinese_AndNothingIsWritten()
    {
        await using var db = await TestDatabase.SeededAsync(DatabaseProvider.SqlServer);
        await using var conn = await db.Factory.OpenAsync();
        var before = await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;");
        var error = new StringWriter();

        var code = await ScaleSeedCli.RunAsync(["seed-scale", "--provider", "sqlserver", "--connection", db.Factory.ConnectionString,
            "--communities", "1", "--residents", "60", "--ledger", "100", "--tasks", "5", "--wishes", "5"], null, TextWriter.Null, error);

        Assert.Equal(1, code);
        Assert.Contains("SQL Server 数据库中已有数据", error.ToString());
        Assert.Equal(before, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;"));
    }

    [SkippableFact]
    public async Task OnSqlServer_TheTinySetIsBulkCopied_WithItsIdsAndEveryConstraintTrusted()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.SqlServer);
        var output = new StringWriter();

        var code = await ScaleSeedCli.RunAsync(["seed-scale", "--provider", "sqlserver", "--connection", db.Factory.ConnectionString,
            "--communities", "3", "--residents", "300", "--ledger", "4000", "--tasks", "200", "--wishes", "300"], null, output, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.Contains("| PointEntry | 4,000 |", output.ToString());
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Community;"));
        Assert.Equal(4000, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;"));
        Assert.Equal(4000, await conn.ExecuteScalarAsync<int>("SELECT MAX(Id) FROM PointEntry;"));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM (SELECT MemberId FROM PointEntry GROUP BY MemberId HAVING SUM(Points) < 0) AS negative;"));
        // CheckConstraints leaves the foreign keys and checks trusted; without it they would be marked untrusted.
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>(
            "SELECT (SELECT COUNT(*) FROM sys.foreign_keys WHERE is_not_trusted = 1) + (SELECT COUNT(*) FROM sys.check_constraints WHERE is_not_trusted = 1);"));
    }
}
