namespace Baihe.Bench.Circuits;

/// <summary>
/// dotnet run -c Release --project Baihe.Bench -- circuits [--counts 1,50,200,500,1000] [--url http://127.0.0.1:5193 --pid P --db FILE]
/// Without --url the harness starts the built app itself on port 5193 (--port) with a fresh demo database.
/// </summary>
public static class CircuitsCli
{
    public static async Task RunAsync(string[] args)
    {
        var options = CircuitsOptions.Parse(args);
        Console.WriteLine($"Baihe circuits benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, .NET {Environment.Version}");
        var steps = await CircuitsBenchmark.RunAsync(options, Console.Out);
        Console.WriteLine();
        CircuitsBenchmark.PrintTable(steps, Console.Out);
    }
}
