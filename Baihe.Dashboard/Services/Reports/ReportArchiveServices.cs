using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Reports;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>The report archive's part of start-up: its services, the monthly schedule and the download endpoint.</summary>
public static class ReportArchiveServices
{
    /// <summary>Registers the archiver, the schedule (section <c>Reports:Schedule</c>) and its background service.</summary>
    public static IServiceCollection AddReportArchive(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Reports:Schedule").Get<ReportScheduleOptions>() ?? new ReportScheduleOptions());
        services.AddSingleton<ScheduleCalendar>();
        services.AddSingleton<ReportArchiver>();
        services.AddSingleton<MonthlyReportRunner>();
        services.AddHostedService<MonthlyReportScheduler>();
        return services;
    }

    /// <summary>
    /// <c>/reports/archive/{id}</c>: the stored bytes of one archived report, for those <see cref="ReportRules.CanReadArchived"/>
    /// admits; an unknown or foreign id is refused (403, audited).
    /// </summary>
    public static IEndpointRouteBuilder MapReportArchive(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/archive/{id:int}", async (int id, HttpContext http, ReportArchiveCommands archive) =>
        {
            var actor = BaiheClaims.ToActor(http.User)!;
            try
            {
                var file = await archive.DownloadAsync(actor, id, http.RequestAborted);
                var type = file.FileName.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : ReportExporter.ContentType;
                return Results.File(file.Content, type, file.FileName);
            }
            catch (AccessDeniedException denied)
            {
                return Results.Text(denied.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
        }).RequireAuthorization();
        return app;
    }
}
