using System.Globalization;
using Baihe.Dashboard.Services.Auth;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data.Accounts;
using Baihe.Data.Audit;
using Baihe.Data.Database;
using Microsoft.AspNetCore.Authorization;

namespace Baihe.Dashboard.Services.Audit;

/// <summary><c>/admin/audit/export</c>: the viewer's filtered log as an xlsx, recorded in the log itself.</summary>
public static class AuditEndpoints
{
    /// <summary>
    /// Takes the viewer's URL parameters (a bad value falls back to its default, as on the page), reads the rows and
    /// records the export in one transaction (<see cref="AuditCommands.ExportRowsAsync"/>), and returns the workbook with
    /// phones masked unless <see cref="AuditRules.SeesFullPhones"/>. A foreign community is refused (403, audited).
    /// </summary>
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/audit/export", async (HttpContext http, AuditCommands audit, BaiheClock clock) =>
        {
            var actor = BaiheClaims.ToActor(http.User)!;
            var q = http.Request.Query;
            var parse = AuditFilterParser.Parse(q["person"], q["action"], q["area"], q["type"], q["id"], q["from"], q["to"], q["community"], null);
            try
            {
                var rows = await audit.ExportRowsAsync(actor, parse.Filter, http.RequestAborted);
                var bytes = AuditWorkbook.Build(rows, AuditRules.SeesFullPhones(actor));
                var name = $"操作日志-{clock.Now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.xlsx";
                return Results.File(bytes, ReportExporter.ContentType, name);
            }
            catch (AccessDeniedException denied)
            {
                return Results.Text(denied.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
        }).RequireAuthorization(new AuthorizeAttribute { Roles = PageRoles.Audit });
        return app;
    }
}
