using System.Net;
using System.Text.RegularExpressions;
using Baihe.Dashboard.Services.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Data.Sqlite;

namespace Baihe.Tests.TestSupport;

/// <summary>The real app, in process, on its own fresh SQLite file (migrated and seeded at start-up).</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsFile;

    public AppFactory() : this(Path.Combine(Path.GetTempPath(), "baihe-tests", $"app-{Guid.NewGuid():N}.db"), ownsFile: true)
    {
    }

    protected AppFactory(string file, bool ownsFile)
    {
        DatabaseFile = file;
        _ownsFile = ownsFile;
    }

    public string DatabaseFile { get; }

    /// <summary>The hosting environment; Production unless a test asks for another.</summary>
    public string Environment { get; init; } = "Production";

    /// <summary>Extra configuration, as appsettings or environment variables would give it.</summary>
    /// <remarks>The monthly report schedule is off unless a test turns it on: its start-up catch-up would write reports
    /// and audit rows behind every other test's back.</remarks>
    public Dictionary<string, string?> Settings { get; } = new() { ["Reports:Schedule:Enabled"] = "false" };

    /// <summary>A clock the test moves; null keeps the system clock.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// Gives this host its own machine-local data-protection key store, as a separate server has, unless the app
    /// configures a shared one itself.
    /// </summary>
    public bool MachineLocalKeys { get; init; }

    /// <summary>Every log entry the app wrote.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>The request header through which a test says which address the request came from (the TCP peer).</summary>
    public const string PeerHeader = "X-Test-Peer";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Baihe", $"Data Source={DatabaseFile}");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null)
            {
                services.AddSingleton(Clock);
            }
            if (MachineLocalKeys)
            {
                var local = new MemoryXmlRepository();
                services.Configure<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o => o.XmlRepository ??= local);
            }
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerAddressFilter>();
        });
    }

    /// <summary>A client that does not follow redirects, so a test can see where it is sent.</summary>
    public HttpClient NoRedirectClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs in through the real /login form (antiforgery token included) and returns the client holding the cookie.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, string password = DemoAccounts.Password)
    {
        var client = NoRedirectClient();
        var response = await PostLoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        }
        return client;
    }

    /// <summary>Posts the login form as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsFile)
        {
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabaseFile + suffix);
        }
    }
}

/// <summary>The test server has no TCP peer; this sets one from <see cref="AppFactory.PeerHeader"/> before the app runs.</summary>
internal sealed class PeerAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        Microsoft.AspNetCore.Builder.UseExtensions.Use(app, (Microsoft.AspNetCore.Http.HttpContext context, Func<Task> nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(AppFactory.PeerHeader, out var peer))
            {
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(peer.ToString());
            }
            return nextMiddleware();
        });
        next(app);
    };
}

/// <summary>A key store in memory: what a server's own disk is to the other servers.</summary>
internal sealed class MemoryXmlRepository : Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository
{
    private readonly List<System.Xml.Linq.XElement> _elements = [];

    public IReadOnlyCollection<System.Xml.Linq.XElement> GetAllElements()
    {
        lock (_elements)
        {
            return _elements.Select(e => new System.Xml.Linq.XElement(e)).ToList();
        }
    }

    public void StoreElement(System.Xml.Linq.XElement element, string friendlyName)
    {
        lock (_elements)
        {
            _elements.Add(new System.Xml.Linq.XElement(element));
        }
    }
}
