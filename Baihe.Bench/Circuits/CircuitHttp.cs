using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Baihe.Bench.Circuits;

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
