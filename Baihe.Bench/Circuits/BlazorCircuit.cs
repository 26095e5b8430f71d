using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baihe.Bench.Circuits;

/// <summary>
/// One Blazor Server circuit opened the way blazor.web.js opens it: a SignalR connection to /_blazor speaking the
/// "blazorpack" (MessagePack) hub protocol, <c>StartCircuit</c> with no components, then <c>UpdateRootComponents</c>
/// with the prerendered markers and state. Every render batch is acknowledged and every JS interop call answered,
/// as a browser would, so the server keeps the circuit exactly as it keeps a real one.
/// </summary>
public sealed class BlazorCircuit : IAsyncDisposable
{
    /// <summary>Every JS function the server asked for, with how often, across all circuits (for the report).</summary>
    public static readonly ConcurrentDictionary<string, int> JsCalls = new();

    private static long s_jsObjectIds;
    private readonly HubConnection _hub;
    private TaskCompletionSource<long>? _next;
    private long _lastBatch;
    private int _batches;

    private BlazorCircuit(HubConnection hub) => _hub = hub;

    /// <summary>Render batches received so far.</summary>
    public int Batches => Volatile.Read(ref _batches);

    /// <summary>The first error the server reported (JS.Error) or a failed acknowledgement.</summary>
    public string? Error { get; private set; }

    /// <summary>Opens a circuit for a prerendered page and waits until its first render batches have settled.</summary>
    public static async Task<BlazorCircuit> OpenAsync(CircuitSite site, string cookie, PrerenderedPage page, CancellationToken ct = default)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(site.BaseUri, "_blazor"), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = cookie;
                site.ConfigureHub?.Invoke(o);
            })
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error));
        builder.Services.AddSingleton(BlazorPack());
        var circuit = new BlazorCircuit(builder.Build());
        circuit.Register();
        await circuit._hub.StartAsync(ct);

        var first = circuit.ArmNextBatch();
        var secret = await circuit._hub.InvokeAsync<string?>("StartCircuit", site.BaseUri.ToString(), page.Uri, "[]", "", ct);
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"StartCircuit refused: {circuit.Error}");
        }
        var operations = new StringBuilder("{\"batchId\":1,\"operations\":[");
        for (var i = 0; i < page.Markers.Count; i++)
        {
            operations.Append(i == 0 ? "" : ",").Append("{\"type\":\"add\",\"ssrComponentId\":").Append(i + 1)
                .Append(",\"marker\":").Append(page.Markers[i]).Append('}');
        }
        operations.Append("]}");
        await circuit._hub.SendAsync("UpdateRootComponents", operations.ToString(), page.State, ct);
        await first.WaitAsync(TimeSpan.FromSeconds(60), ct);
        await circuit.QuietAsync(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(20), ct);
        if (circuit.Error is not null)
        {
            throw new InvalidOperationException($"Circuit failed: {circuit.Error}");
        }
        return circuit;
    }

    /// <summary>
    /// Asks for the next render batch; the task completes with its <see cref="Stopwatch"/> timestamp. Arm before the
    /// action that should cause it.
    /// </summary>
    public Task<long> ArmNextBatch()
    {
        var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _next, tcs);
        return tcs.Task;
    }

    /// <summary>
    /// An interaction: an in-app link click as blazor.web.js reports it (<c>OnLocationChanged</c>, intercepted), which
    /// re-renders the router, the layout and the page with its charts. Returns the time until the next render batch.
    /// </summary>
    public async Task<TimeSpan> NavigateAsync(string uri, CancellationToken ct = default)
    {
        var next = ArmNextBatch();
        var start = Stopwatch.GetTimestamp();
        await _hub.SendAsync("OnLocationChanged", uri, null, true, ct);
        var end = await next.WaitAsync(TimeSpan.FromSeconds(60), ct);
        return Stopwatch.GetElapsedTime(start, end);
    }

    /// <summary>Waits until no render batch has arrived for <paramref name="quiet"/> (at most <paramref name="max"/>).</summary>
    public async Task QuietAsync(TimeSpan quiet, TimeSpan max, CancellationToken ct = default)
    {
        var until = Stopwatch.GetTimestamp() + (long)(max.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastBatch)) < quiet)
        {
            await Task.Delay(50, ct);
        }
    }

    private void Register()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", async (batchId, _) =>
        {
            var now = Stopwatch.GetTimestamp();
            Volatile.Write(ref _lastBatch, now);
            Interlocked.Increment(ref _batches);
            Interlocked.Exchange(ref _next, null)?.TrySetResult(now);
            try
            {
                await _hub.SendAsync("OnRenderCompleted", batchId, null);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Error ??= e.Message;
            }
        });
        // .NET 10: (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType).
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            var handle = (long)args[0]!;
            var identifier = (string)args[1]!;
            JsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
            if (handle == 0)
            {
                return;
            }
            // resultType 1 is a JS object reference; the rest get null (void calls and optional values).
            var result = (int)args[3]! == 1 ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref s_jsObjectIds)}}}" : "null";
            await _hub.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
        });
        _hub.On("JS.Error", [typeof(string)], args =>
        {
            Error ??= (string?)args[0];
            return Task.CompletedTask;
        });
        _hub.On("JS.AttachComponent", [typeof(int), typeof(string)], _ => Task.CompletedTask);
        _hub.On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        _hub.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], _ => Task.CompletedTask);
        _hub.On("JS.EndLocationChanging", [typeof(int), typeof(bool)], _ => Task.CompletedTask);
    }

    /// <summary>
    /// The server's own "blazorpack" protocol (MessagePack under Blazor's name). It is internal to the shared framework,
    /// so it is created by name rather than re-implemented.
    /// </summary>
    private static IHubProtocol BlazorPack()
    {
        var type = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly
            .GetType("Microsoft.AspNetCore.Components.Server.BlazorPack.BlazorPackHubProtocol", throwOnError: true)!;
        return (IHubProtocol)Activator.CreateInstance(type, nonPublic: true)!;
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}
