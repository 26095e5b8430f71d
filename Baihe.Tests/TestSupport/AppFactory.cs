using System.Net;
using System.Text.RegularExpressions;
using Baihe.Dashboard.Services.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Baihe", $"Data Source={DatabaseFile}");
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

/// <summary>A second app over an existing database file, as a second server or a restart would be.</summary>
public sealed class AppOverFile(string file) : AppFactory(file, ownsFile: false);
