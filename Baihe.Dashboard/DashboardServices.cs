using Baihe.Dashboard.Components;
using Baihe.Dashboard.Services;
using Baihe.Dashboard.Services.Auth;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;

namespace Baihe.Dashboard;

/// <summary>The dashboard's part of start-up, so Program.cs stays a table of contents.</summary>
public static class DashboardServices
{
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
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddSingleton<SignInService>();
        services.AddSingleton<DemoAccounts>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<PhotoStore>();
        services.AddSingleton<ExportGate>();
        services.AddSingleton<ChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<SharedLoads>();
        services.AddSingleton<ReportExporter>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Reports").Get<ReportOptions>() ?? new ReportOptions());
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
        var applied = DatabaseMigrator.Migrate(factory);
        log.LogInformation("Database {Provider}: {Count} migration script(s) applied {Scripts}", factory.Provider, applied.Count, applied);

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
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapPost("/account/logout", async (HttpContext context) =>
        {
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
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
