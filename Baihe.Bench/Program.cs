using System.Globalization;
using Baihe.Bench.Scale;

namespace Baihe.Bench;

/// <summary>
/// dotnet run -c Release --project Baihe.Bench -- [--rows 100000] [--pairs 5] [--warmup 15] [--verbose] [--keep]
/// | seed-scale [sizes] [--out FILE | --provider sqlserver --connection "..."]
/// | queries (--scale-db FILE | --sqlserver "...") [--iterations 30] | circuits [options]
/// | import [--rows 20000] [--bad K] [--out FILE]
/// </summary>
public static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        if (args is ["seed-scale", ..])
        {
            await using var services = ScaleSeedCli.ConfiguredServices();
            Environment.ExitCode = await ScaleSeedCli.RunAsync(args, services, Console.Out, Console.Error);
            return;
        }
        if (args is ["queries", ..])
        {
            Environment.ExitCode = await QueryBenchmarkCli.RunAsync(args, Console.Out, Console.Error);
            return;
        }
        if (args is ["import", ..])
        {
            var keep = Array.IndexOf(args, "--out") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
            await ImportBenchmark.RunAsync(Option(args, "--rows", 20_000), Option(args, "--bad", 0), keep, Console.Out);
            return;
        }
        if (args.Length > 0 && args[0] == "circuits")
        {
            await Circuits.CircuitsCli.RunAsync(args[1..]);
            return;
        }
        var rows = Option(args, "--rows", 100_000);
        var pairs = Option(args, "--pairs", 5);
        var warmup = Option(args, "--warmup", 15);
        Console.WriteLine($"Baihe export benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}");
        var figures = await ExportBenchmark.RunAsync(rows, Console.Out, args.Contains("--keep"), args.Contains("--verbose"), pairs, warmup);
        var (ours, raw) = figures;
        Console.WriteLine();
        Console.WriteLine("| What | Rows | Time (s) | Peak working set (MB) | Peak managed heap (MB) | Allocated (MB) | File (KB) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in new[] { raw, figures.MiniExcel, ours })
        {
            Console.WriteLine($"| {m.Name} | {figures.LedgerRows:N0} | {m.Time.TotalSeconds:F2} | {m.PeakBytes / 1048576.0:F0} | {m.PeakManagedBytes / 1048576.0:F0} | {m.AllocatedBytes / 1048576.0:F0} | {m.OutputBytes / 1024:N0} |");
        }
        var ratio = ours.Time.TotalSeconds / raw.Time.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"Time ratio (ours / raw): {ratio:F2}× — goal ≤ 2×: {(ratio <= 2 ? "met" : "MISSED")}");
        Console.WriteLine($"Time ratio (whole eight-sheet report / MiniExcel single sheet, median of the rounds): {figures.OursOverMiniExcel:F2}× — goal ≤ 1.0×: {(figures.OursOverMiniExcel <= 1.0 ? "met" : "MISSED")}");
        Console.WriteLine($"Peak memory of ours (first build of the process): {ours.PeakBytes / 1048576.0:F0} MB — goal ≤ 300 MB: {(ours.PeakBytes <= 300L * 1048576 ? "met" : "MISSED")}");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
