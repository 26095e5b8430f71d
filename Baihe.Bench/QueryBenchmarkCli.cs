using System.Globalization;
using Baihe.Bench.Scale;

namespace Baihe.Bench;

/// <summary>
/// <c>dotnet run -c Release --project Baihe.Bench -- queries (--scale-db FILE | --sqlserver "CONNECTION") [--iterations 30]
/// [--only TEXT] [seed-scale sizes]</c>: generates FILE with the seed-scale sizes when it does not exist (default: 30 communities, 1M
/// ledger rows), or migrates and loads the SQL Server database when it is empty, then runs <see cref="QueryBenchmark"/>.
/// </summary>
public static class QueryBenchmarkCli
{
    private const string Usage = "用法：queries (--scale-db 文件.db | --sqlserver \"连接字符串\") [--iterations 30] [--only 名称正则] [--audit-rows 1000000] [--communities 30 --residents 60000 --ledger 1000000 --tasks 50000 --wishes 100000]";

    /// <summary>Parses the arguments; null and a Chinese message when they are wrong.</summary>
    public static (QueryBenchmarkArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? file = null;
        string? sqlServer = null;
        var iterations = 30;
        string? only = null;
        var auditRows = QueryBenchmarkArguments.DefaultAuditRows;
        var sizes = new List<string> { "seed-scale" };
        for (var i = 1; i < args.Count; i++)
        {
            if (i + 1 >= args.Count)
            {
                return (null, $"无法识别的参数：{args[i]}\n{Usage}");
            }
            switch (args[i])
            {
                case "--scale-db": file = args[++i]; break;
                case "--sqlserver": sqlServer = args[++i]; break;
                case "--only": only = args[++i]; break;
                case "--audit-rows" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a <= 50_000_000:
                    auditRows = a;
                    i++;
                    break;
                case "--iterations" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    iterations = n;
                    i++;
                    break;
                case "--out" or "--provider" or "--connection":
                    return (null, $"queries 不接受 {args[i]}：SQLite 用 --scale-db，SQL Server 用 --sqlserver。\n{Usage}");
                default:
                    sizes.Add(args[i]);
                    sizes.Add(args[++i]);
                    break;
            }
        }
        var (options, _, problem) = ScaleSeedCli.Parse(sizes);
        if (options is null)
        {
            return (null, problem);
        }
        if (file is not null && sqlServer is not null)
        {
            return (null, $"--scale-db 和 --sqlserver 只能给一个。\n{Usage}");
        }
        if (string.IsNullOrWhiteSpace(file) && string.IsNullOrWhiteSpace(sqlServer))
        {
            return (null, $"缺少 --scale-db 或 --sqlserver。\n{Usage}");
        }
        return (new QueryBenchmarkArguments(file, sqlServer, iterations, options, only, auditRows), null);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (arguments, problem) = Parse(args);
        if (arguments is null)
        {
            await error.WriteLineAsync(problem);
            return 2;
        }
        await output.WriteLineAsync($"Baihe query benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}");
        var (queries, single) = await QueryBenchmark.RunAsync(arguments.Database, arguments.Iterations, arguments.Sizes, output, arguments.Only, arguments.AuditRows);
        await output.WriteLineAsync();
        var plans = arguments.SqlServer is null ? $"{queries.Count(q => q.IndexBacked)}/{queries.Count} with index-backed plans" : "plans not checked on SQL Server";
        await output.WriteLineAsync($"Summary: {queries.Count(q => q.P95Ms <= QueryBenchmark.GoalMs)}/{queries.Count} queries at p95 ≤ {QueryBenchmark.GoalMs} ms, " +
            $"{plans}; single-row ratio {single.Ratio:F2}×.");
        return 0;
    }
}
