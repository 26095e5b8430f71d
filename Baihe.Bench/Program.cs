using System.Globalization;

namespace Baihe.Bench;

/// <summary>dotnet run -c Release --project Baihe.Bench -- [--rows 100000] | queries --scale-db FILE [--iterations 30]</summary>
public static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        if (args is ["queries", ..])
        {
            Environment.ExitCode = await QueryBenchmarkCli.RunAsync(args, Console.Out, Console.Error);
            return;
        }
        var rows = args.Length >= 2 && args[0] == "--rows" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        Console.WriteLine($"Baihe export benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}");
        var (ours, raw) = await ExportBenchmark.RunAsync(rows, Console.Out);
        Console.WriteLine();
        Console.WriteLine("| What | Rows | Time (s) | Peak memory (MB) | File (KB) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var m in new[] { raw, ours })
        {
            Console.WriteLine($"| {m.Name} | {rows:N0} | {m.Time.TotalSeconds:F2} | {m.PeakBytes / 1048576.0:F0} | {m.OutputBytes / 1024:N0} |");
        }
        var ratio = ours.Time.TotalSeconds / raw.Time.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"Time ratio (ours / raw): {ratio:F2}× — goal ≤ 2×: {(ratio <= 2 ? "met" : "MISSED")}");
        Console.WriteLine($"Peak memory of ours: {ours.PeakBytes / 1048576.0:F0} MB — goal ≤ 300 MB: {(ours.PeakBytes <= 300L * 1048576 ? "met" : "MISSED")}");
    }
}
