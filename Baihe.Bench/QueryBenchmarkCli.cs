using System.Globalization;
using Baihe.Bench.Scale;

namespace Baihe.Bench;

/// <summary>
/// <c>dotnet run -c Release --project Baihe.Bench -- queries --scale-db FILE [--iterations 30] [seed-scale sizes]</c>:
/// generates FILE with the seed-scale sizes when it does not exist (default: 30 communities, 1M ledger rows), then runs
/// <see cref="QueryBenchmark"/>.
/// </summary>
public static class QueryBenchmarkCli
{
    private const string Usage = "用法：queries --scale-db 文件.db [--iterations 30] [--communities 30 --residents 60000 --ledger 1000000 --tasks 50000 --wishes 100000]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        string? file = null;
        var iterations = 30;
        var sizes = new List<string> { "seed-scale" };
        for (var i = 1; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                await error.WriteLineAsync($"无法识别的参数：{args[i]}\n{Usage}");
                return 2;
            }
            switch (args[i])
            {
                case "--scale-db": file = args[++i]; break;
                case "--iterations" when int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    iterations = n;
                    i++;
                    break;
                default:
                    sizes.Add(args[i]);
                    sizes.Add(args[++i]);
                    break;
            }
        }
        var (options, _, problem) = ScaleSeedCli.Parse(sizes);
        if (file is null || options is null)
        {
            await error.WriteLineAsync(problem ?? $"缺少 --scale-db。\n{Usage}");
            return 2;
        }
        await output.WriteLineAsync($"Baihe query benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}");
        var (queries, single) = await QueryBenchmark.RunAsync(file, iterations, options, output);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Summary: {queries.Count(q => q.P95Ms <= QueryBenchmark.GoalMs)}/{queries.Count} queries at p95 ≤ {QueryBenchmark.GoalMs} ms, " +
            $"{queries.Count(q => q.IndexBacked)}/{queries.Count} with index-backed plans; single-row ratio {single.Ratio:F2}×.");
        return 0;
    }
}
