using Baihe.Bench;

namespace Baihe.Tests.Bench;

public class ExportBenchmarkSmokeTests
{
    [Fact]
    public async Task TheBenchmarkHarness_RunsEndToEndOnATinyMonth()
    {
        // Only proves the harness works; the figures come from `dotnet run -c Release --project Baihe.Bench`.
        var output = new StringWriter();

        var (ours, raw) = await ExportBenchmark.RunAsync(300, output);

        Assert.Contains("Seeded 300 ledger rows", output.ToString());
        Assert.True(ours.OutputBytes > raw.OutputBytes, "the full report holds more than the raw ledger sheet");
        Assert.True(raw.OutputBytes > 0);
    }
}
