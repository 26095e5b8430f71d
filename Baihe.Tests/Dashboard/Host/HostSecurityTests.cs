using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Baihe.Tests.Dashboard.Host;

/// <summary>What the host does for errors, logs, health, proxies, headers and several servers.</summary>
public class HostSecurityTests
{
    private static string LaunchProfileEnvironment()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "Baihe.Dashboard", "Properties", "launchSettings.json")));
        var env = json.RootElement.GetProperty("profiles").EnumerateObject().First().Value.GetProperty("environmentVariables");
        return env.GetProperty("ASPNETCORE_ENVIRONMENT").GetString()!;
    }

    /// <summary>
    /// Makes every read of /teams fail, for every connection: renaming the table is in the file's schema, so a pooled
    /// connection that a background reader (the change feed) held while pools were cleared fails too. Deleting the
    /// file did not: such a connection kept reading the unlinked file, and under load /teams answered 200.
    /// </summary>
    private static async Task BreakTheTeamsTableAsync(AppFactory app)
    {
        await using var conn = new SqliteConnection($"Data Source={app.DatabaseFile}");
        await conn.OpenAsync();
        await conn.ExecuteAsync("ALTER TABLE Team RENAME TO TeamBrokenByTest");
    }

    private static async Task<string> ErrorPageAsync(AppFactory app, HttpClient client)
    {
        await BreakTheTeamsTableAsync(app);
        var response = await client.GetAsync("/teams");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheLaunchProfile_ShowsTheChineseErrorPageWithAnId_AndNeverAStackTraceOrTheCookie()
    {
        var environment = LaunchProfileEnvironment();
        Assert.NotEqual("Development", environment);
        await using var app = new AppFactory { Environment = environment };
        using var client = app.NoRedirectClient();
        var login = await AppFactory.PostLoginAsync(client, "shuji", DemoAccounts.Password);
        var cookie = Regex.Match(string.Join(";", login.Headers.GetValues("Set-Cookie")), "baihe\\.auth=([^;]+)").Groups[1].Value;
        Assert.NotEmpty(cookie);

        var html = await ErrorPageAsync(app, client);

        Assert.Contains("出错了", html);
        Assert.Matches("错误编号[：:]\\s*[0-9a-zA-Z:\\-]{8,}", html);
        Assert.DoesNotContain(cookie, html);
        Assert.DoesNotContain(cookie[..20], html);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain(".cs:line", html);
        Assert.DoesNotContain("SqliteException", html);
    }

    [Fact]
    public async Task DeveloperErrors_NeedAnExplicitSwitch()
    {
        await using var app = new AppFactory { Environment = LaunchProfileEnvironment() };
        app.Settings["BAIHE_DEVELOPER_ERRORS"] = "1";
        using var client = await app.SignedInClientAsync("shuji");

        await BreakTheTeamsTableAsync(app);
        var html = WebUtility.HtmlDecode(await (await client.GetAsync("/teams")).Content.ReadAsStringAsync());

        Assert.Contains("SqliteException", html);
    }

    [Fact]
    public async Task AnError_IsLoggedWithTheIdTheErrorPageShows()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("shuji");

        var html = await ErrorPageAsync(app, client);
        var id = Regex.Match(html, "错误编号[：:]\\s*([0-9a-zA-Z:\\-]+)").Groups[1].Value;

        Assert.NotEmpty(id);
        Assert.Contains(app.Logs.Lines, l => l.Level >= LogLevel.Error && l.Message.Contains(id));
    }

    [Fact]
    public async Task ARefusal_ShowsNoAccessWithThePageAndRole_AndIsLoggedWithItsId()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("shuji");

        var refused = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var location = refused.Headers.Location!.ToString();
        Assert.StartsWith("/denied", new Uri(new Uri("http://localhost"), location).AbsolutePath);
        var response = await client.GetAsync(location);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var id = Regex.Match(html, "错误编号[：:]\\s*([0-9a-zA-Z:\\-]+)").Groups[1].Value;

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden,
            $"{response.StatusCode}: " + string.Join("\n", app.Logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => l.Message)));
        Assert.Contains("无权访问", html);
        Assert.DoesNotContain("页面不存在", html);
        Assert.Contains("/admin/users", html);
        Assert.Contains(Roles.Label(Roles.Admin), html);
        Assert.Contains("href=\"/\"", html);
        Assert.NotEmpty(id);
        Assert.Contains(app.Logs.Lines, l => l.Level >= LogLevel.Warning && l.Message.Contains(id) && l.Message.Contains("/admin/users"));
    }

    [Fact]
    public async Task RequestLogs_CarryTheUserId_AndNeverANameOrPhone()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("shuji");
        await client.GetStringAsync("/teams/1");
        await client.GetStringAsync("/teams/1?q=13800000000");
        await using var conn = new SqliteConnection($"Data Source={app.DatabaseFile}");
        var user = await conn.QuerySingleAsync<(long Id, string DisplayName)>("SELECT Id, DisplayName FROM AppUser WHERE UserName = 'shuji'");
        var phones = (await conn.QueryAsync<string>("SELECT Phone FROM Member WHERE Phone IS NOT NULL")).ToList();
        var names = (await conn.QueryAsync<string>("SELECT Name FROM Member")).ToList();

        var lines = app.Logs.Lines;

        Assert.Contains(lines, l => l.Message.Contains("/teams/1") && Regex.IsMatch(l.Message, $"\\buser {user.Id}\\b"));
        Assert.NotEmpty(phones);
        Assert.DoesNotContain(lines, l => l.Message.Contains(user.DisplayName) || l.Message.Contains("13800000000")
            || phones.Any(l.Message.Contains) || names.Any(n => n.Length > 1 && l.Message.Contains(n)));
    }

    [Fact]
    public async Task Healthz_Is503AtOnce_WhenTheDatabaseFileIsCorrupted()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // Checkpointed first, so the header page is read from the main file and not from the WAL.
        await using (var conn = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            await conn.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        await using (var file = new FileStream(app.DatabaseFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, 100).ToArray());
        }
        var broken = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
    }

    [Fact]
    public async Task Healthz_Is503AtOnce_WhenAPageOfAnyTableIsDamaged()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        long page, pageSize;
        await using (var conn = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            await conn.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            page = await conn.ExecuteScalarAsync<long>("SELECT rootpage FROM sqlite_master WHERE name = 'Member';");
            pageSize = await conn.ExecuteScalarAsync<long>("PRAGMA page_size;");
        }
        await using (var file = new FileStream(app.DatabaseFile, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Position = (page - 1) * pageSize;
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, (int)pageSize).ToArray());
        }
        var broken = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, broken.StatusCode);
    }

    [Fact]
    public async Task Readyz_Is503WhileAMigrationIsNotApplied()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        await using (var conn = new SqliteConnection($"Data Source={app.DatabaseFile}"))
        {
            await conn.ExecuteAsync("DELETE FROM SchemaVersions WHERE ScriptName = (SELECT MAX(ScriptName) FROM SchemaVersions);");
        }
        var ready = await client.GetAsync("/readyz");
        var healthy = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task AnExpiredLock_StartsTheCountAgain()
    {
        var clock = new FakeTimeProvider(FixedTimeProvider.Default);
        await using var app = new AppFactory { Clock = clock };
        using var client = app.NoRedirectClient();
        for (var i = 0; i < UserCommands.MaxFailedSignIns; i++)
        {
            await AppFactory.PostLoginAsync(client, "jinjiejie", "wrong-" + i);
        }
        Assert.Equal(HttpStatusCode.OK, (await AppFactory.PostLoginAsync(client, "jinjiejie", DemoAccounts.Password)).StatusCode);

        clock.Advance(UserCommands.LockoutDuration + TimeSpan.FromMinutes(1));
        await AppFactory.PostLoginAsync(client, "jinjiejie", "one-more-wrong");
        var after = await AppFactory.PostLoginAsync(client, "jinjiejie", DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostLoginFromAsync(HttpClient client, string peer, string? forwardedFor, string userName)
    {
        var form = await client.GetStringAsync("/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName, ["Input.Password"] = "wrong",
            }),
        };
        request.Headers.Add(AppFactory.PeerHeader, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task TheEleventhSignInAttemptInAMinuteFromOneAddress_IsThrottledInChinese()
    {
        await using var app = new AppFactory();
        using var client = app.NoRedirectClient();

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostLoginFromAsync(client, "203.0.113.7", null, "nobody" + i)).StatusCode);
        }
        var eleventh = await PostLoginFromAsync(client, "203.0.113.7", null, "nobody-else");
        var otherAddress = await PostLoginFromAsync(client, "203.0.113.8", null, "nobody-else");

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.Contains("登录尝试过于频繁", await eleventh.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
        Assert.Contains(app.Logs.Lines, l => l.Level >= LogLevel.Warning && l.Message.Contains("/login") && l.Message.Contains("429"));
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnUnknownAddress_ChangeNeitherTheClientAddressNorTheScheme()
    {
        await using var app = new AppFactory();
        app.Settings["Proxy:KnownProxies:0"] = "10.0.0.5";
        using var client = app.NoRedirectClient();
        client.BaseAddress = new Uri("http://baihe.example/");

        // Every attempt says it comes from another client; from an address that is not our proxy that is not believed.
        for (var i = 0; i < 10; i++)
        {
            await PostLoginFromAsync(client, "198.51.100.9", "203.0.113." + i, "nobody" + i);
        }
        var eleventh = await PostLoginFromAsync(client, "198.51.100.9", "203.0.113.200", "nobody-else");
        using var https = new HttpRequestMessage(HttpMethod.Get, "/login");
        https.Headers.Add(AppFactory.PeerHeader, "198.51.100.9");
        https.Headers.Add("X-Forwarded-Proto", "https");
        // A fresh client, so the response sets the antiforgery cookie whose flags are checked.
        using var fresh = app.NoRedirectClient();
        fresh.BaseAddress = client.BaseAddress;
        var page = await fresh.SendAsync(https);

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(page.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedHeaders_FromAConfiguredProxy_GiveTheClientAddressAndHttps()
    {
        await using var app = new AppFactory();
        app.Settings["Proxy:KnownProxies:0"] = "10.0.0.5";
        using var client = app.NoRedirectClient();
        client.BaseAddress = new Uri("http://baihe.example/");

        for (var i = 0; i < 10; i++)
        {
            await PostLoginFromAsync(client, "10.0.0.5", "203.0.113." + i, "nobody" + i);
        }
        var eleventh = await PostLoginFromAsync(client, "10.0.0.5", "203.0.113.200", "nobody-else");
        using var https = new HttpRequestMessage(HttpMethod.Get, "/login");
        https.Headers.Add(AppFactory.PeerHeader, "10.0.0.5");
        https.Headers.Add("X-Forwarded-For", "203.0.113.1");
        https.Headers.Add("X-Forwarded-Proto", "https");
        // A fresh client, so the response sets the antiforgery cookie whose flags are checked.
        using var fresh = app.NoRedirectClient();
        fresh.BaseAddress = client.BaseAddress;
        var page = await fresh.SendAsync(https);

        Assert.Equal(HttpStatusCode.OK, eleventh.StatusCode);
        Assert.True(page.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Pages_AndPhotos_CarryTheSecurityHeaders()
    {
        await using var app = new AppFactory();
        using var client = await app.SignedInClientAsync("shuji");

        foreach (var path in new[] { "/", "/login", "/photos/none.jpg" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.True(response.Headers.Contains("Referrer-Policy"), path);
            var csp = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Contains("connect-src 'self'", csp);
        }
    }

    [Fact]
    public async Task ACookieFromOneServer_IsAcceptedByAnotherOverTheSameDatabase()
    {
        await using var a = new AppFactory { MachineLocalKeys = true };
        var login = await AppFactory.PostLoginAsync(a.NoRedirectClient(), "shuji", DemoAccounts.Password);
        var authCookie = Regex.Match(string.Join(";", login.Headers.GetValues("Set-Cookie")), "baihe\\.auth=([^;]+)").Groups[1].Value;

        await using var b = new AppOverFile(a.DatabaseFile) { MachineLocalKeys = true };
        using var other = b.NoRedirectClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/teams");
        request.Headers.Add("Cookie", "baihe.auth=" + authCookie);
        var response = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("新火先锋队", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
