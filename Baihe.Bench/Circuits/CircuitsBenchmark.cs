using System.Diagnostics;
using System.Globalization;

namespace Baihe.Bench.Circuits;

/// <summary>
/// Whether one server holds many officials' live 总览 pages: opens N concurrent circuits on 总览 (with its seven live
/// charts), records the server's resident memory per circuit, the p95 of an interaction's round trip while every
/// circuit stays open, and the time from a roster write to the re-rendered overview in every open circuit.
/// </summary>
public static class CircuitsBenchmark
{
    public static async Task<IReadOnlyList<CircuitStep>> RunAsync(CircuitsOptions options, TextWriter output, CircuitSite? site = null)
    {
        Process? app = null;
        var database = options.Database;
        var url = options.Url;
        if (url is null && site is null)
        {
            database ??= Path.Combine(Path.GetTempPath(), "baihe-bench", $"circuits-{Guid.NewGuid():N}.db");
            url = new Uri($"http://127.0.0.1:{options.Port}/");
            app = await StartAppAsync(url, database, output);
        }
        site ??= CircuitSite.Socket(url!);
        var pid = options.Pid ?? app?.Id;
        var circuits = new List<BlazorCircuit>();
        try
        {
            using var http = new CircuitHttp(site);
            await http.SignInAsync(options.UserName, options.Password);
            output.WriteLine($"Signed in once as {options.UserName}; every circuit shares the cookie.");
            var writer = database is null ? null : LiveWriter.Create(database);

            // Warm-up: JIT, pools and caches, so the baseline is the server at rest, not a cold process.
            await using (var warm = await BlazorCircuit.OpenAsync(site, http.Cookie, await http.PrerenderAsync()))
            {
                for (var i = 0; i < options.WarmUp; i++)
                {
                    await warm.NavigateAsync(site.BaseUri + (i % 2 == 0 ? "?v=1" : ""));
                }
            }
            await Task.Delay(options.Settle);
            var baselineHeap = await HeapMbAsync(options.GcDump, pid, null);
            var baseline = RssMb(pid);
            output.WriteLine($"Server baseline (warm, no circuit): {baseline:F0} MB resident, {baselineHeap:F1} MB live managed heap");

            var steps = new List<CircuitStep>();
            foreach (var target in options.Counts)
            {
                var sw = Stopwatch.StartNew();
                await OpenUpToAsync(site, http, circuits, target, options.OpenConcurrency);
                var openSeconds = sw.Elapsed.TotalSeconds;
                await Task.Delay(options.Settle);
                var heap = await HeapMbAsync(options.GcDump, pid, target == options.Counts[^1] ? output : null);
                var rss = RssMb(pid);
                var (p50, p95, max, failures) = await InteractAsync(site, circuits, options);
                var live = writer is null ? (0.0, 0.0, 0.0, 0) : await LiveAsync(circuits, writer, options.Writes, options.Settle / 2);
                var step = new CircuitStep(target, rss, baseline, heap, baselineHeap, openSeconds, p50, p95, max, failures, live.Item1, live.Item2, live.Item3, live.Item4);
                steps.Add(step);
                output.WriteLine($"N={target}: opened in {openSeconds:F1} s, RSS {rss:F0} MB ({step.PerCircuitKb:F0} KB/circuit), " +
                    $"heap {heap:F1} MB ({step.HeapPerCircuitKb:F0} KB/circuit), " +
                    $"round trip p50 {p50:F0} / p95 {p95:F0} / max {max:F0} ms ({failures} failed), " +
                    $"live p50 {live.Item1:F0} / p95 {live.Item2:F0} / max {live.Item3:F0} ms ({live.Item4} missed)");
                var errors = circuits.Count(c => c.Error is not null);
                if (errors > 0)
                {
                    output.WriteLine($"  {errors} circuit(s) reported an error, e.g. {circuits.First(c => c.Error is not null).Error}");
                }
            }
            output.WriteLine("JS interop calls the server made: " +
                string.Join(", ", BlazorCircuit.JsCalls.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} ×{kv.Value}")));
            return steps;
        }
        finally
        {
            await Task.WhenAll(circuits.Select(async c => await c.DisposeAsync()));
            if (app is not null)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
                app.Dispose();
            }
        }
    }

    /// <summary>Prints the steps as the Markdown table of docs/performance.md.</summary>
    public static void PrintTable(IReadOnlyList<CircuitStep> steps, TextWriter output)
    {
        output.WriteLine("| Circuits | Open (s) | Server RSS (MB) | RSS per circuit (KB) | Live heap after full GC (MB) | Heap per circuit (KB) | Round trip p50 / p95 (ms) | Live p50 / p95 / max (ms) |");
        output.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in steps)
        {
            output.WriteLine($"| {s.Circuits:N0} | {s.OpenSeconds:F1} | {s.RssMb:F0} | {s.PerCircuitKb:F0} | {s.HeapMb:F1} | {s.HeapPerCircuitKb:F0} | {s.P50Ms:F0} / {s.P95Ms:F0} | " +
                $"{s.LiveP50Ms:F0} / {s.LiveP95Ms:F0} / {s.LiveMaxMs:F0}{(s.LiveMissed > 0 ? $" ({s.LiveMissed} missed)" : "")} |");
        }
    }

    private static async Task OpenUpToAsync(CircuitSite site, CircuitHttp http, List<BlazorCircuit> circuits, int target, int concurrency)
    {
        var missing = target - circuits.Count;
        if (missing <= 0)
        {
            return;
        }
        var next = 0;
        var opened = new List<BlazorCircuit>();
        async Task Worker()
        {
            while (Interlocked.Increment(ref next) <= missing)
            {
                // Each circuit gets its own prerendered page, as each browser tab does.
                var circuit = await BlazorCircuit.OpenAsync(site, http.Cookie, await http.PrerenderAsync());
                lock (opened)
                {
                    opened.Add(circuit);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        circuits.AddRange(opened);
    }

    /// <summary>
    /// Starts one interaction every 1/rate seconds, each on a different circuit, and times each until its render batch.
    /// </summary>
    private static async Task<(double P50, double P95, double Max, int Failures)> InteractAsync(CircuitSite site, List<BlazorCircuit> circuits, CircuitsOptions options)
    {
        var times = new List<double>();
        var failures = 0;
        var tasks = new List<Task>();
        var period = TimeSpan.FromSeconds(1.0 / options.InteractionsPerSecond);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < options.Interactions; i++)
        {
            var due = TimeSpan.FromTicks(period.Ticks * i) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
            // Circuits are taken in turn so that no circuit has two interactions in flight when N is large.
            var circuit = circuits[i % circuits.Count];
            var uri = site.BaseUri + ((i / circuits.Count) % 2 == 0 ? "?v=1" : "");
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var t = await circuit.NavigateAsync(uri);
                    lock (times)
                    {
                        times.Add(t.TotalMilliseconds);
                    }
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    Interlocked.Increment(ref failures);
                }
            }));
            if (circuits.Count < 4)
            {
                // A handful of circuits: one interaction at a time each.
                await tasks[^1];
            }
        }
        await Task.WhenAll(tasks);
        return (Percentile(times, 0.5), Percentile(times, 0.95), times.Count == 0 ? 0 : times.Max(), failures);
    }

    /// <summary>
    /// A roster add by team lead jinjiejie through RosterCommands (the app's own write path, which bumps the change
    /// version); timed from the start of the write to the next render batch in every open circuit.
    /// </summary>
    private static async Task<(double, double, double, int)> LiveAsync(List<BlazorCircuit> circuits, LiveWriter writer, int writes, TimeSpan pause)
    {
        var latencies = new List<double>();
        var missed = 0;
        for (var w = 0; w < writes; w++)
        {
            foreach (var c in circuits)
            {
                await c.QuietAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10));
            }
            var armed = circuits.Select(c => c.ArmNextBatch()).ToList();
            var start = Stopwatch.GetTimestamp();
            await writer.AddMemberAsync();
            foreach (var task in armed)
            {
                try
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start, await task.WaitAsync(TimeSpan.FromSeconds(60))).TotalMilliseconds);
                }
                catch (TimeoutException)
                {
                    missed++;
                }
            }
            // Let the change feed's next poll pass before the next write, so each write is its own burst.
            await Task.Delay(pause);
        }
        return (Percentile(latencies, 0.5), Percentile(latencies, 0.95), latencies.Count == 0 ? 0 : latencies.Max(), missed);
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>
    /// The server's live managed heap in MB after a full GC that dotnet-gcdump forces (0 without the tool). With
    /// <paramref name="report"/>, also prints the types that hold the most bytes.
    /// </summary>
    private static async Task<double> HeapMbAsync(string? tool, int? pid, TextWriter? report)
    {
        if (tool is null || pid is null)
        {
            return 0;
        }
        var file = Path.Combine(Path.GetTempPath(), "baihe-bench", $"circuits-{pid}-{Environment.TickCount64}.gcdump");
        await RunToolAsync(tool, ["collect", "-p", pid.Value.ToString(CultureInfo.InvariantCulture), "-o", file]);
        var text = await RunToolAsync(tool, ["report", file]);
        File.Delete(file);
        var lines = text.Split('\n');
        var total = lines.FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal));
        if (report is not null)
        {
            var saved = Path.ChangeExtension(file, ".txt");
            await File.WriteAllTextAsync(saved, text);
            // Each report line is "bytes per object, count, type"; rank the types by bytes times count.
            report.WriteLine($"  Types holding the most of the server's heap (dotnet-gcdump report, in full in {saved}):");
            var ranked = lines.Select(l => l.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length == 3 && long.TryParse(f[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _)
                    && long.TryParse(f[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _))
                .Select(f => (Bytes: long.Parse(f[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) * long.Parse(f[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
                    Count: long.Parse(f[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture), Type: f[2].Trim()))
                .Where(r => r.Type.Contains('[', StringComparison.Ordinal))
                .OrderByDescending(r => r.Bytes).Take(15);
            foreach (var (bytes, count, type) in ranked)
            {
                report.WriteLine($"  {bytes / 1048576.0,9:F1} MB {count,10:N0}  {type}");
            }
        }
        return total is null ? 0 : long.Parse(total.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture) / 1048576.0;
    }

    private static async Task<string> RunToolAsync(string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return text;
    }

    /// <summary>The server's resident set (VmRSS) in MB, read from /proc.</summary>
    public static double RssMb(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return 0;
        }
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>
    /// Starts the built app (Release when the harness runs in Release) in Production on its own port and database file,
    /// and waits for /healthz.
    /// </summary>
    private static async Task<Process> StartAppAsync(Uri url, string database, TextWriter output)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Baihe.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("Baihe.sln not found above the harness.");
        }
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var bin = Path.Combine(root, "Baihe.Dashboard", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { Path.Combine(bin, "Baihe.Dashboard.dll"), "--urls", url.ToString().TrimEnd('/'), "--ConnectionStrings:Baihe", $"Data Source={database}", "--Logging:LogLevel:Default", "Warning" })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var app = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        app.OutputDataReceived += (_, e) => { };
        app.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.WriteLine("  app: " + e.Data);
            }
        };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await probe.GetAsync("healthz")).IsSuccessStatusCode)
                {
                    output.WriteLine($"App ({configuration}, Production) started as pid {app.Id} on {url} with {database}");
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (app.HasExited)
            {
                break;
            }
            await Task.Delay(500);
        }
        app.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The app at {bin} did not answer /healthz.");
    }
}
