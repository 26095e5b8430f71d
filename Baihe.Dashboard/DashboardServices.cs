using Baihe.Dashboard.Components;
using Baihe.Dashboard.Services;
using Baihe.Dashboard.Services.Auth;
using Baihe.Dashboard.Services.Import;
using Baihe.Dashboard.Services.Reports;
using Baihe.Dashboard.Services.Tasks;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Diagnostics;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace Baihe.Dashboard;

/// <summary>The dashboard's part of start-up, so Program.cs stays a table of contents.</summary>
public static class DashboardServices
{
    /// <summary>What a throttled sign-in attempt answers.</summary>
    public const string ThrottledMessage = "登录尝试过于频繁，请一分钟后再试。";

    /// <summary>The response header naming the server that answered, when <c>Baihe:Instance</c> is set.</summary>
    public const string InstanceHeader = "X-Baihe-Instance";

    /// <summary>
    /// The id shown to the user on an error or refusal page and written in the log entry about it, so support can find
    /// one from the other: the request's trace id (the same in JSON logs' scope), else the request id.
    /// </summary>
    public static string ErrorId(HttpContext context) =>
        Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToString() : context.TraceIdentifier;

    /// <summary>Registers Razor components (interactive server), MudBlazor, sign-in and the health check.</summary>
    public static IServiceCollection AddBaiheDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents(o =>
        {
            // Production settings: no exception details to the browser; a dropped connection keeps its circuit a few
            // minutes so a phone that loses signal comes back to the same page. The hub's 32 KB receive limit stays.
            o.DetailedErrors = false;
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            o.DisconnectedCircuitMaxRetained = 200;
        });
        services.AddScoped<ReconnectNotifier>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<ReconnectNotifier>());
        services.AddMudServices();
        services.AddBaiheImport();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<MigrationHealthCheck>("migrations", tags: [MigrationHealthCheck.ReadyTag]);

        // One key ring in the database for every server, so a cookie from one server is read by the others.
        services.AddSingleton<DataProtectionKeyRepository>();
        services.AddDataProtection().SetApplicationName("Baihe");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DataProtectionKeyRepository>((o, keys) => o.XmlRepository = keys);

        // Forwarded headers are believed only from the proxies named in configuration.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, config) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in config.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in config.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // Per client address, in front of the per-account lock: guessing across many accounts from one address is
        // slowed too, and one address cannot lock everybody out quickly.
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, config) =>
        {
            var perMinute = config.GetValue("SignIn:AttemptsPerMinutePerAddress", 10);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(ThrottledMessage, ct);
            };
        });

        services.AddSingleton<SignInService>();
        services.AddSingleton<PasswordChanger>();
        services.AddSingleton<DemoAccounts>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<PhotoStore>();
        services.AddSingleton<ExportGate>();
        services.AddSingleton<ChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<SharedLoads>();
        services.AddSingleton<ReportExporter>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Reports").Get<ReportOptions>() ?? new ReportOptions());
        services.AddReportArchive();
        services.AddTaskEscalation();
        Baihe.Dashboard.Services.Notifications.EmailServices.AddEmailNotifications(services);
        // The form token's cookie is Secure over TLS like the sign-in cookie.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        services.AddAuthorization();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "baihe.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                // Secure whenever the request came over TLS, as seen after the forwarded headers.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                // Each request re-checks the account, so a disabled user or a changed role is refused at once on
                // new requests; open circuits are re-checked by RevalidatingAuthStateProvider.
                o.Events.OnValidatePrincipal = async context =>
                {
                    var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInService>();
                    if (context.Principal is null || !await signIn.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            });
        return services;
    }

    /// <summary>
    /// Applies pending migrations, then seeds the demo community (and, on the embedded database only, the demo
    /// accounts) when the embedded database is new, or when <paramref name="seedDemo"/> asks for it on an empty
    /// SQL Server database.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool seedDemo)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Baihe.Database");
        var factory = app.Services.GetRequiredService<DbConnectionFactory>();
        // The seed runs under the migration lock too: two servers starting on a new database would otherwise both
        // find it empty and both seed.
        var applied = await DatabaseMigrator.MigrateAsync(factory, () => SeedIfEmptyAsync(app, factory, seedDemo, log));
        log.LogInformation("Database {Provider}: {Count} migration script(s) applied {Scripts}", factory.Provider, applied.Count, applied);
    }

    private static async Task SeedIfEmptyAsync(WebApplication app, DbConnectionFactory factory, bool seedDemo, ILogger log)
    {
        var seeder = app.Services.GetRequiredService<DemoSeeder>();
        if (!factory.IsSqlite && !seedDemo)
        {
            return;
        }
        if (await seeder.IsEmptyAsync())
        {
            await seeder.SeedAsync();
            if (factory.IsSqlite)
            {
                await app.Services.GetRequiredService<DemoAccounts>().SeedAsync();
            }
            log.LogInformation("Demo data of 百合园社区 seeded");
        }
        else if (seedDemo)
        {
            log.LogWarning("--seed-demo ignored: the database already has data");
        }
    }

    /// <summary>The request pipeline: errors, static assets, health, sign-in and the components.</summary>
    public static WebApplication UseBaiheDashboard(this WebApplication app)
    {
        var config = app.Configuration;
        // Without configured proxies the middleware is left out: with empty lists it would believe anyone.
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (forwarded.KnownProxies.Count > 0 || forwarded.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseSecurityHeaders(SecurityHeaders());
        // Behind a load balancer, which server answered: for support reading a browser's network log, and for the
        // two-server deployment test. Only a name the operator chose (Baihe:Instance), never the host name.
        if (config["Baihe:Instance"] is { Length: > 0 } instance)
        {
            app.Use((context, next) =>
            {
                context.Response.Headers[InstanceHeader] = instance;
                return next(context);
            });
        }
        // HSTS only on TLS requests (and never for localhost); redirection only where an HTTPS port is known.
        app.UseHsts();
        if (!string.IsNullOrEmpty(config["HTTPS_PORT"]))
        {
            app.UseHttpsRedirection();
        }
        app.Use(LogRequestAsync);
        // Developer details (stack traces, headers, cookies) only on an explicit switch, never by environment name:
        // the Chinese error page with its error id otherwise, in every environment.
        if (config["BAIHE_DEVELOPER_ERRORS"] == "1")
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteErrorPageAsync });
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use(PasswordChangeGate.InvokeAsync);
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => !c.Tags.Contains(MigrationHealthCheck.ReadyTag) }).AllowAnonymous();
        app.MapHealthChecks("/readyz").AllowAnonymous();
        // Signing out ends the session on the server too: the new security stamp refuses any copy of this cookie, and
        // the accounts change feed closes this user's other open pages.
        app.MapPost("/account/logout", async (HttpContext context, UserCommands users) =>
        {
            if (BaiheClaims.ToActor(context.User) is { } actor)
            {
                try
                {
                    await users.EndSessionsAsync(actor, actor.UserId, context.RequestAborted);
                }
                catch (AccessDeniedException)
                {
                    // The session had already ended (another sign-out, a disabled account): nothing left to end.
                }
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        });
        app.MapGet("/photos/{**path}", (string path, PhotoStore photos) =>
            photos.Resolve(path) is { } file
                ? Results.File(file, Path.GetExtension(file) switch { ".png" => "image/png", ".webp" => "image/webp", _ => "image/jpeg" })
                : Results.NotFound()).RequireAuthorization();
        // community=ID exports one community; community=all the roll-up of the official's sub-district. ticket lets the
        // /reports page show that this download waits for another export.
        app.MapGet("/reports/export", async (string? month, string? community, string? ticket, HttpContext http, ReportExporter exporter, Baihe.Data.Communities.CommunityQueries communities) =>
        {
            var actor = BaiheClaims.ToActor(http.User)!;
            var name = http.User.FindFirst(BaiheClaims.DisplayName)?.Value ?? actor.UserName;
            ExportResult result;
            if (community == "all")
            {
                // An official's own sub-district; anyone else asks for the sub-district of their community, and is refused.
                var subDistrict = actor.SubDistrictId ?? (await communities.ResolveAsync(null, actor, http.RequestAborted)).Community?.SubDistrictId ?? 0;
                result = await exporter.ExportSubDistrictAsync(actor, month, subDistrict, name, http.RequestAborted, ticket);
            }
            else
            {
                int? asked = null;
                if (community is not null)
                {
                    if (!int.TryParse(community, out var id))
                    {
                        return Results.Text("社区编号无效。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                    }
                    asked = id;
                }
                var target = await communities.ResolveAsync(asked, actor, http.RequestAborted);
                if (target.Community is null)
                {
                    return Results.Text(target.Refusal!, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
                }
                result = await exporter.ExportAsync(actor, month, target.Community.Id, name, http.RequestAborted, ticket);
            }
            return result.File is { } file
                ? Results.File(file.Content, file.FileName.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : ReportExporter.ContentType, file.FileName)
                : Results.Text(result.Error, "text/plain; charset=utf-8", statusCode: result.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
        }).RequireAuthorization();
        app.MapReportArchive();
        Baihe.Dashboard.Services.Audit.AuditEndpoints.MapAuditExport(app);
        app.MapBaiheImport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static HeaderPolicyCollection SecurityHeaders() =>
        new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddFrameOptionsDeny()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                // blazor.web.js and MudBlazor are files from this site; Blazor Server needs no eval. The nonce is for
                // the one inline script, the import map App.razor renders.
                csp.AddScriptSrc().Self().WithNonce();
                // MudBlazor sets style attributes and the theme's <style> element.
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data().Blob();
                csp.AddFontSrc().Self().Data();
                // The circuit's WebSocket (and its long-polling fallback) to this site.
                csp.AddConnectSrc().Self().From("ws:").From("wss:");
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            });

    // One line per request for support: path without the query (which may carry searched names or phone numbers),
    // status, time, the user's id (never a name) and the id shown on error pages. Refusals and errors at warning.
    private static async Task LogRequestAsync(HttpContext context, RequestDelegate next)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var refusedTo = status is StatusCodes.Status302Found && context.Response.Headers.Location.ToString().StartsWith("/denied", StringComparison.OrdinalIgnoreCase);
            var level = status >= 500 ? LogLevel.Error : status >= 400 || refusedTo ? LogLevel.Warning : LogLevel.Information;
            var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Baihe.Requests");
            if (log.IsEnabled(level))
            {
                log.Log(level, "HTTP {Method} {Path} {Status} in {Elapsed:0} ms, user {UserId}, id {ErrorId}",
                    context.Request.Method, context.Request.Path.Value, status, Stopwatch.GetElapsedTime(start).TotalMilliseconds,
                    context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "-", ErrorId(context));
            }
        }
    }

    // Written here rather than re-executing a Razor page: the page would run sign-in and the database again, which
    // may be what failed. Nothing of the exception, the request or its cookies reaches the browser.
    private static async Task WriteErrorPageAsync(HttpContext context)
    {
        var id = ErrorId(context);
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Baihe.Errors")
            .LogError(error, "Request {Method} {Path} failed for user {UserId}, error id {ErrorId}",
                context.Request.Method, context.Request.Path.Value, context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "-", id);
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>出错了 · 百合园</title>
            <style>body{font-family:sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#333}</style></head>
            <body><h1>出错了</h1><p>处理您的请求时发生错误，请稍后重试。如需帮助，请把下面的错误编号告诉管理员。</p>
            <p>错误编号：{{WebUtility.HtmlEncode(id)}}</p><p><a href="/">返回首页</a></p></body></html>
            """);
    }
}
