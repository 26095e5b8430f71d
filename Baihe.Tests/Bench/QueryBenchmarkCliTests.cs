using Baihe.Bench;
using Baihe.Data.Database;

namespace Baihe.Tests.Bench;

public class QueryBenchmarkCliTests
{
    [Fact]
    public void SqlServer_IsMeasuredThroughTheConnectionGiven_WithTheSizesForAnEmptyDatabase()
    {
        var (arguments, error) = QueryBenchmarkCli.Parse(["queries", "--sqlserver", "Server=db;Database=scale", "--iterations", "5", "--ledger", "2000"]);

        Assert.Null(error);
        Assert.Equal(new DatabaseOptions(DatabaseProvider.SqlServer, "Server=db;Database=scale"), arguments!.Database);
        Assert.Equal(5, arguments.Iterations);
        Assert.Equal(2000, arguments.Sizes.Ledger);
    }

    [Fact]
    public void AScaleDb_IsAFullSqlitePath()
    {
        var (arguments, _) = QueryBenchmarkCli.Parse(["queries", "--scale-db", "scale.db"]);

        Assert.Equal(DatabaseProvider.Sqlite, arguments!.Database.Provider);
        Assert.Equal($"Data Source={Path.GetFullPath("scale.db")}", arguments.Database.ConnectionString);
    }

    [Theory]
    [InlineData(new[] { "queries" }, "缺少 --scale-db 或 --sqlserver")]
    [InlineData(new[] { "queries", "--scale-db", "a.db", "--sqlserver", "Server=x" }, "只能给一个")]
    [InlineData(new[] { "queries", "--sqlserver", "Server=x", "--connection", "Server=y" }, "queries 不接受 --connection")]
    [InlineData(new[] { "queries", "--sqlserver", "Server=x", "--ledger", "many" }, "--ledger 应为非负整数")]
    [InlineData(new[] { "queries", "--sqlserver" }, "无法识别的参数")]
    public void BadArguments_GetAChineseMessage(string[] args, string message)
    {
        var (arguments, error) = QueryBenchmarkCli.Parse(args);

        Assert.Null(arguments);
        Assert.Contains(message, error);
    }
}
