using Baihe.Dashboard.Services.Auth;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data.Communities;
using Baihe.Data.Import;
using Baihe.Data.Teams;

namespace Baihe.Dashboard.Services.Import;

/// <summary>The two downloads of /import: the community's template and a preview's error workbook.</summary>
public static class ImportEndpoints
{
    public static IServiceCollection AddBaiheImport(this IServiceCollection services) =>
        services.AddSingleton<ImportDownloads>();

    public static WebApplication MapBaiheImport(this WebApplication app)
    {
        // The template lists the community's own grids and teams, so it is asked for by community, with the page's rule.
        app.MapGet("/import/template", async (string? community, HttpContext http, CommunityQueries communities, TeamQueries teams, Baihe.Data.Database.BaiheClock clock) =>
        {
            var actor = BaiheClaims.ToActor(http.User)!;
            int? asked = int.TryParse(community, out var id) ? id : null;
            var choice = await communities.ResolveAsync(asked, actor, http.RequestAborted);
            if (choice.Community is not { } c || !ImportRules.CanImport(actor, new ImportTarget(c.Id)))
            {
                return Results.Text(choice.Refusal ?? CommunityChoice.Refused, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
            var grids = (await communities.GridsAsync(c.Id, http.RequestAborted)).Select(g => g.Name).ToList();
            var teamNames = (await teams.ListAsync(c.Id, http.RequestAborted)).Select(t => t.Name).ToList();
            return Results.File(ImportTemplate.Build(grids, teamNames, clock.Today), ReportExporter.ContentType, $"{c.Name}_名册导入模板.xlsx");
        }).RequireAuthorization(p => p.RequireRole(PageRoles.Import.Split(',')));
        app.MapGet("/import/errors/{token}", (string token, HttpContext http, ImportDownloads downloads) =>
            BaiheClaims.ToActor(http.User) is { } actor && downloads.Get(token, actor.UserName) is { } file
                ? Results.File(file.Content, ReportExporter.ContentType, file.FileName)
                : Results.Text("错误清单已过期，请重新上传文件预览。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(p => p.RequireRole(PageRoles.Import.Split(',')));
        return app;
    }
}
