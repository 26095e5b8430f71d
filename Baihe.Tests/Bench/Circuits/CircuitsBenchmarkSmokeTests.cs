using Baihe.Bench.Circuits;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Bench.Circuits;

public class CircuitsBenchmarkSmokeTests
{
    [Fact]
    public async Task TheCircuitsHarness_OpensCircuitsInteractsAndSeesALiveWrite()
    {
        // Only proves the harness speaks the circuit protocol; the figures come from `Baihe.Bench -- circuits`.
        await using var app = new AppFactory();
        var server = app.Server;
        var site = new CircuitSite(new Uri("http://localhost/"), () => server.CreateHandler(), hub =>
        {
            var cookie = hub.Headers["Cookie"];
            hub.WebSocketFactory = async (context, ct) =>
            {
                var ws = server.CreateWebSocketClient();
                ws.ConfigureRequest = r => r.Headers["Cookie"] = cookie;
                return await ws.ConnectAsync(context.Uri, ct);
            };
        });
        var output = new StringWriter();
        var options = new CircuitsOptions
        {
            Counts = [2], Interactions = 4, InteractionsPerSecond = 50, Writes = 1, Database = app.DatabaseFile, GcDump = null,
            Settle = TimeSpan.Zero, WarmUp = 2,
        };

        var steps = await CircuitsBenchmark.RunAsync(options, output, site);

        var step = Assert.Single(steps);
        Assert.Equal(0, step.InteractionFailures);
        Assert.True(step.P95Ms > 0, output.ToString());
        Assert.Equal(0, step.LiveMissed);
        Assert.True(step.LiveP50Ms > 0, output.ToString());
        // The charts draw in the browser: the harness answered the chart bridge's calls, so the page was the real one.
        Assert.Contains("baiheCharts.render", output.ToString());
    }
}
