using System.Globalization;
using Baihe.Dashboard.Services.Auth;

namespace Baihe.Bench.Circuits;

/// <summary>What to run: where the app is (or where to start it) and the circuit counts to step through.</summary>
public sealed record CircuitsOptions
{
    /// <summary>The app's address; when null the harness starts the app itself on <see cref="Port"/>.</summary>
    public Uri? Url { get; init; }
    public int Port { get; init; } = 5193;
    /// <summary>The server process to measure; found from the started app when the harness starts it.</summary>
    public int? Pid { get; init; }
    /// <summary>The app's SQLite file, for the live-latency writes; a fresh temporary file when the harness starts the app.</summary>
    public string? Database { get; init; }
    public IReadOnlyList<int> Counts { get; init; } = [1, 50, 200, 500, 1000];
    public string UserName { get; init; } = "shuji";
    public string Password { get; init; } = DemoAccounts.Password;
    /// <summary>Interactions timed at each step, started at <see cref="InteractionsPerSecond"/> on different circuits.</summary>
    public int Interactions { get; init; } = 200;
    public int InteractionsPerSecond { get; init; } = 20;
    /// <summary>Roster writes timed at each step (live latency).</summary>
    public int Writes { get; init; } = 3;
    /// <summary>Circuits opened at the same time while stepping up.</summary>
    public int OpenConcurrency { get; init; } = 8;
    /// <summary>Pause before each memory reading and after each write, so the server settles (shortened by the smoke test).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Navigations on one circuit before the baseline is read.</summary>
    public int WarmUp { get; init; } = 20;
    /// <summary>
    /// The dotnet-gcdump tool (`dotnet tool install -g dotnet-gcdump`, or `--gcdump PATH`): it forces a full GC in the server and
    /// reports the live managed heap, which resident memory alone overstates.
    /// </summary>
    public string? GcDump { get; init; } = FindGcDump();

    private static string? FindGcDump()
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? "";
        var global = Path.Combine(home, ".dotnet", "tools", "dotnet-gcdump");
        return File.Exists(global) ? global : null;
    }

    public static CircuitsOptions Parse(IReadOnlyList<string> args)
    {
        var o = new CircuitsOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var v = args[i + 1];
            o = args[i] switch
            {
                "--url" => o with { Url = new Uri(v.EndsWith('/') ? v : v + "/") },
                "--port" => o with { Port = int.Parse(v, CultureInfo.InvariantCulture) },
                "--pid" => o with { Pid = int.Parse(v, CultureInfo.InvariantCulture) },
                "--db" => o with { Database = v },
                "--counts" => o with { Counts = v.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).Order().ToList() },
                "--user" => o with { UserName = v },
                "--interactions" => o with { Interactions = int.Parse(v, CultureInfo.InvariantCulture) },
                "--rate" => o with { InteractionsPerSecond = int.Parse(v, CultureInfo.InvariantCulture) },
                "--writes" => o with { Writes = int.Parse(v, CultureInfo.InvariantCulture) },
                "--gcdump" => o with { GcDump = v == "none" ? null : v },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }
        return o;
    }
}
