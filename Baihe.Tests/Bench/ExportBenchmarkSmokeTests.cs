using Baihe.Bench;

namespace Baihe.Tests.Bench;

public class ExportBenchmarkSmokeTests
{
    [Fact]
    public async Task TheBenchmarkHarness_RunsEndToEndOnATinyMonth()
    {
        // Only proves the harness works; the figures come from `dotnet run -c Release --project Baihe.Bench`.
        var output = new StringWriter();

        var figures = await ExportBenchmark.RunAsync(300, output);
        var (ours, raw) = figures;

        Assert.Contains("Seeded 300 ledger rows", output.ToString());
        Assert.True(ours.OutputBytes > raw.OutputBytes, "the full report holds more than the raw ledger sheet");
        Assert.True(raw.OutputBytes > 0);
        Assert.True(figures.MiniExcel.OutputBytes > 0, "MiniExcel wrote the same ledger");
        Assert.True(figures.OursOverMiniExcel > 0);
    }
}
