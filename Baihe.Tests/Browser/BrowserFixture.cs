using System.Net;
using System.Text;
using Baihe.Dashboard.Services.Auth;
using Baihe.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// The real app on a free loopback port (Kestrel, a fresh SQLite file with the demo data) and Debian's headless
/// Chromium driven by Playwright. Playwright never downloads a browser here: it is pointed at /usr/bin/chromium.
/// Without that browser the tests are skipped with the reason, unless BAIHE_REQUIRE_BROWSER=1 (set by .ci/run),
/// where a missing browser is a failure.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly TimeProvider? _clock;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public BrowserFixture() : this(null, new Dictionary<string, string?>())
    {
    }

    /// <summary>For a story that moves the app's clock (<paramref name="clock"/>) or needs settings of its own; it gets its own app.</summary>
    protected BrowserFixture(TimeProvider? clock, IReadOnlyDictionary<string, string?> settings)
    {
        _clock = clock;
        _settings = settings;
    }

    public const string RequireVariable = "BAIHE_REQUIRE_BROWSER";
    public const string ChromiumVariable = "BAIHE_CHROMIUM";

    private KestrelApp? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? Unavailable { get; private set; }

    public string DatabaseFile => _app!.DatabaseFile;

    /// <summary>The running app's services, for a story that triggers server work itself rather than waiting for it.</summary>
    public IServiceProvider Services => _app!.Services;

    public static string ChromiumPath => Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Chromium not found at {ChromiumPath} (install Debian's chromium, or set {ChromiumVariable}).";
            return;
        }
        _app = new KestrelApp { Clock = _clock };
        foreach (var (key, value) in _settings)
        {
            _app.Settings[key] = value;
        }
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Skips the calling test with the reason, or fails it in CI, when the browser is missing.</summary>
    public void RequireBrowser()
    {
        if (Unavailable is null)
        {
            return;
        }
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            throw new InvalidOperationException($"{Unavailable} {RequireVariable}=1 makes this a failure.");
        }
        Skip.If(true, Unavailable);
    }

    /// <summary>A new browser context (its own cookies) signed in through the real login form.</summary>
    public async Task<IPage> SignInAsync(string userName, int width = 1440, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Opens a page and waits until its circuit is live, so clicks reach the server.</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(BaseUrl + "/" + path.TrimStart('/'));
        await page.Locator("#baihe-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Waits until every finite animation and transition on the page has finished, so a dialog is measured where a
    /// person sees it come to rest, not part-way through its opening (under CI load an opening dialog was caught at
    /// 369 of 390 px). Endless ones (a spinner) are ignored.
    /// </summary>
    public static Task WaitForStillAsync(IPage page) => page.WaitForFunctionAsync(
        "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)",
        null, new PageWaitForFunctionOptions { PollingInterval = 50 });

    /// <summary>
    /// Runs a browser story; if it fails, saves a screenshot and the HTML of every open page under
    /// artifacts/browser/ and names the files in the failure.
    /// </summary>
    public async Task RunAsync(string story, Func<Task> body)
    {
        RequireBrowser();
        try
        {
            await body();
        }
        catch (Exception e) when (e is not Xunit.SkipException)
        {
            var saved = await SaveArtifactsAsync(story);
            throw new Exception($"Browser story '{story}' failed; screenshots and HTML: {saved}", e);
        }
        finally
        {
            foreach (var context in Browser.Contexts.ToList())
            {
                await context.CloseAsync();
            }
        }
    }

    private async Task<string> SaveArtifactsAsync(string story)
    {
        var dir = Path.Combine(Repo.Root, "artifacts", "browser", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{story}");
        Directory.CreateDirectory(dir);
        var n = 0;
        foreach (var page in Browser.Contexts.SelectMany(c => c.Pages))
        {
            n++;
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"page{n}.png"), FullPage = true });
                await File.WriteAllTextAsync(Path.Combine(dir, $"page{n}.html"), $"<!-- {page.Url} -->\n" + await page.ContentAsync(), Encoding.UTF8);
            }
            catch (PlaywrightException)
            {
                // A page that closed or crashed has nothing left to save; the others still get saved.
            }
        }
        return dir;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>The app behind a real socket, which a browser needs (the default test server has none).</summary>
    private sealed class KestrelApp : AppFactory
    {
        public KestrelApp()
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            // Every story signs in from 127.0.0.1 against this one app: the per-address sign-in limit (10 a minute,
            // tested over HTTP in HostSecurityTests) would refuse the stories' own sign-ins once a dozen run in a minute.
            Settings["SignIn:AttemptsPerMinutePerAddress"] = "1000";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Production settings, but scripts and styles served from the build output, as `dotnet run` does.
            builder.UseStaticWebAssets();
        }
    }
}
