using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baihe.Bench.Circuits;

/// <summary>
/// How the client reaches the app: a base address, an HTTP handler (a socket handler, or a test server's), and
/// optionally a hook that points the hub connection at something other than a socket.
/// </summary>
public sealed record CircuitSite(Uri BaseUri, Func<HttpMessageHandler> Handler, Action<HttpConnectionOptions>? ConfigureHub = null)
{
    /// <summary>A site reached over loopback sockets.</summary>
    public static CircuitSite Socket(Uri baseUri) => new(baseUri, () => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        MaxConnectionsPerServer = 64,
    });
}

/// <summary>The prerendered page: its interactive root-component markers and the persisted component state.</summary>
public sealed record PrerenderedPage(string Uri, IReadOnlyList<string> Markers, string State);

/// <summary>Signs in over HTTP and reads prerendered pages, as a browser does before it opens a circuit.</summary>
public sealed partial class CircuitHttp(CircuitSite site) : IDisposable
{
    private readonly HttpClient _http = new(site.Handler()) { BaseAddress = site.BaseUri, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The cookie header that carries the sign-in, once <see cref="SignInAsync"/> has run.</summary>
    public string Cookie { get; private set; } = "";

    /// <summary>Posts the real /login form (antiforgery token and cookie included) once; the cookie is then shared.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        var jar = new Dictionary<string, string>();
        using var form = await _http.GetAsync("login");
        Collect(form, jar);
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", Header(jar));
        using var answer = await _http.SendAsync(post);
        Collect(answer, jar);
        if (answer.StatusCode != HttpStatusCode.Redirect || !jar.ContainsKey("baihe.auth"))
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: HTTP {(int)answer.StatusCode}");
        }
        Cookie = Header(jar);
    }

    /// <summary>GETs a page with the sign-in cookie and reads its server component markers and persisted state.</summary>
    public async Task<PrerenderedPage> PrerenderAsync(string path = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", Cookie);
        using var response = await _http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET /{path}: HTTP {(int)response.StatusCode}");
        }
        var markers = MarkerPattern().Matches(html).Select(m => m.Groups[1].Value)
            .Where(json => JsonNode.Parse(json)?["type"]?.GetValue<string>() == "server").ToList();
        var state = StatePattern().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"GET /{path} has no interactive server component.");
        }
        return new PrerenderedPage(new Uri(site.BaseUri, path).ToString(), markers, state);
    }

    private static void Collect(HttpResponseMessage response, Dictionary<string, string> jar)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var cookie in cookies)
            {
                var pair = cookie.Split(';', 2)[0];
                var eq = pair.IndexOf('=');
                jar[pair[..eq]] = pair[(eq + 1)..];
            }
        }
    }

    private static string Header(Dictionary<string, string> jar) => string.Join("; ", jar.Select(kv => $"{kv.Key}={kv.Value}"));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StatePattern();
}

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
