using Baihe.Data.Accounts;
using Baihe.Data.Brands;
using Baihe.Data.Certificates;
using Baihe.Data.Communities;
using Baihe.Data.Dashboard;
using Baihe.Data.Database;
using Baihe.Data.Deliberations;
using Baihe.Data.Overview;
using Baihe.Data.Points;
using Baihe.Data.Reports;
using Baihe.Data.Residents;
using Baihe.Data.Screens;
using Baihe.Data.Tasks;
using Baihe.Data.Teams;
using Baihe.Data.Wishes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baihe.Data;

/// <summary>Registers Baihe's data access.</summary>
public static class BaiheDataServices
{
    /// <summary>The default embedded database, relative to the app's content root.</summary>
    public const string DefaultSqliteFile = "data/baihe.db";

    /// <summary>
    /// Reads <c>Database:Provider</c> (Sqlite by default, or SqlServer), <c>ConnectionStrings:Baihe</c> and
    /// <c>Database:MigrationTimeoutMinutes</c> (30 by default). Without a connection string, SQLite uses <see cref="DefaultSqliteFile"/> under <paramref name="contentRoot"/>.
    /// </summary>
    public static DatabaseOptions ReadOptions(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"Database:Provider must be 'Sqlite' or 'SqlServer', not '{providerText}'.");
        }

        var connectionString = configuration.GetConnectionString("Baihe");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                throw new InvalidOperationException("Database:Provider is SqlServer, so ConnectionStrings:Baihe must be set.");
            }
            connectionString = $"Data Source={Path.Combine(contentRoot, DefaultSqliteFile)}";
        }
        var timeoutText = configuration["Database:MigrationTimeoutMinutes"];
        var timeout = DatabaseOptions.DefaultMigrationTimeout;
        if (!string.IsNullOrWhiteSpace(timeoutText))
        {
            if (!int.TryParse(timeoutText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes) || minutes <= 0)
            {
                throw new InvalidOperationException($"Database:MigrationTimeoutMinutes must be a positive whole number of minutes, not '{timeoutText}'.");
            }
            timeout = TimeSpan.FromMinutes(minutes);
        }
        return new DatabaseOptions(provider, connectionString) { MigrationTimeout = timeout };
    }

    /// <summary>Reads the due hours per urgency (<c>Tasks:DueHours:Urgent|High|Normal</c>), defaulting to 2, 24 and 72.</summary>
    public static TaskDueHours ReadDueHours(IConfiguration configuration)
    {
        static int Hours(IConfiguration c, string key, int fallback) =>
            int.TryParse(c[$"Tasks:DueHours:{key}"], out var h) && h > 0 ? h : fallback;
        return new TaskDueHours(Hours(configuration, "Urgent", 2), Hours(configuration, "High", 24), Hours(configuration, "Normal", 72));
    }

    /// <summary>
    /// Reads when tasks are escalated: <c>Tasks:RemindShare</c> (the share of a stage's time after which 催办 is sent,
    /// above 0 and at most 1, default 0.5) and <c>Tasks:EscalationScanSeconds</c> (how often each server looks, default 60).
    /// </summary>
    public static TaskEscalationOptions ReadEscalation(IConfiguration configuration)
    {
        var share = double.TryParse(configuration["Tasks:RemindShare"], System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 1 ? s : 0.5;
        var seconds = int.TryParse(configuration["Tasks:EscalationScanSeconds"], out var n) && n > 0 ? n : 60;
        return new TaskEscalationOptions(share, seconds);
    }

    /// <summary>Registers the connection factory, the clock, the seeder and every query class as singletons.</summary>
    public static IServiceCollection AddBaiheData(this IServiceCollection services, DatabaseOptions options, TaskDueHours? dueHours = null)
    {
        DapperTypes.Register();
        services.AddSingleton(dueHours ?? new TaskDueHours());
        // Tasks:ResponseHours and Tasks:CallbackSamplePercent, from the host's configuration when there is one.
        services.TryAddSingleton(sp => TaskOptions.Read(sp.GetService<IConfiguration>()));
        services.AddSingleton<CallbackQueries>();
        services.AddSingleton<CallbackCommands>();
        services.AddSingleton<TaskCommands>();
        services.AddSingleton(options);
        services.AddSingleton<DbConnectionFactory>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BaiheClock>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<HealthQueries>();
        services.AddSingleton<ChangeFeedQueries>();
        services.AddSingleton<CommunityQueries>();
        services.AddSingleton<GridQueries>();
        services.AddSingleton<ListScopeQueries>();
        services.AddSingleton<TaskListQueries>();
        services.AddSingleton<WishListQueries>();
        services.AddSingleton<ReportQueries>();
        services.AddSingleton<ReportCommands>();
        services.AddSingleton<ReportArchiveQueries>();
        services.AddSingleton<ReportArchiveCommands>();
        services.AddSingleton<Audit.AuditQueries>();
        services.AddSingleton<Audit.AuditCommands>();
        services.AddSingleton<ReportScheduleStore>();
        services.AddSingleton<DeliberationCommands>();
        services.AddSingleton<DeliberationQueries>();
        services.AddSingleton<OverviewQueries>();
        services.AddSingleton<BrandQueries>();
        services.AddSingleton<Members.PeopleQueries>();
        services.AddSingleton<Members.MemberListQueries>();
        services.AddSingleton<Leaders.LeaderQueries>();
        services.AddSingleton<TeamQueries>();
        services.AddSingleton<RosterQueries>();
        services.AddSingleton<TaskQueries>();
        services.AddSingleton<TaskWorkflowQueries>();
        services.AddSingleton<WishQueries>();
        services.AddSingleton<WishCommands>();
        services.AddSingleton<WishDetailQueries>();
        services.AddSingleton<RosterCommands>();
        services.AddSingleton<Baihe.Data.Import.ImportCommands>();
        services.AddSingleton<UserQueries>();
        services.AddSingleton<UserCommands>();
        services.AddSingleton<LedgerCommands>();
        services.AddSingleton<ExchangeCommands>();
        services.AddSingleton<ActivityCommands>();
        services.AddSingleton<EvaluationCommands>();
        services.AddSingleton<PointsQueries>();
        services.AddSingleton<ResidentQueries>();
        services.AddSingleton<ActivityQueries>();
        services.AddSingleton<CertificateQueries>();
        services.AddSingleton<CertificateCommands>();
        services.AddSingleton<ExchangeQueries>();
        services.AddSingleton<EvaluationQueries>();
        services.AddSingleton<DashboardScopeQueries>();
        services.AddSingleton<DistrictQueries>();
        services.AddSingleton<CommunityDashboardQueries>();
        services.AddSingleton<DrillQueries>();
        services.AddSingleton<DisplayTokenQueries>();
        services.AddSingleton<DisplayTokenCommands>();
        services.AddSingleton<ScreenQueries>();
        services.AddSingleton<Summaries.PointSummaryQueries>();
        services.TryAddSingleton(new TaskEscalationOptions());
        services.AddSingleton<EscalationScanner>();
        services.AddSingleton<SupervisionQueries>();
        services.AddSingleton<Notifications.NotificationQueries>();
        services.AddSingleton<Notifications.NotificationCommands>();
        // Email is off unless the host registers its configured options (Notifications:Smtp) in place of these.
        services.TryAddSingleton(Notifications.EmailOptions.Disabled);
        services.AddSingleton<Notifications.EmailOutbox>();
        services.AddSingleton<Notifications.EmailOutboxStore>();
        return services;
    }
}
