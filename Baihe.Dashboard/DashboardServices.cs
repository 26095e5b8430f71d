using Baihe.Dashboard.Components;
using Baihe.Dashboard.Services;
using Baihe.Data.Database;
using MudBlazor.Services;

namespace Baihe.Dashboard;

/// <summary>The dashboard's part of start-up, so Program.cs stays a table of contents.</summary>
public static class DashboardServices
{
    /// <summary>Registers Razor components (interactive server), MudBlazor and the health check.</summary>
    public static IServiceCollection AddBaiheDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>
    /// Applies pending migrations, then seeds the demo community when the embedded database is new, or when
    /// <paramref name="seedDemo"/> asks for it on an empty SQL Server database.
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
            log.LogInformation("Demo data of 百合园社区 seeded");
        }
        else if (seedDemo)
        {
            log.LogWarning("--seed-demo ignored: the database already has data");
        }
    }

    /// <summary>The request pipeline: errors, static assets, health and the components.</summary>
    public static WebApplication UseBaiheDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
