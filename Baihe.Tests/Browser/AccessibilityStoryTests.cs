using System.Reflection;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Certificates;
using Baihe.Data.Database;
using Dapper;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Baihe.Tests.Browser;

/// <summary>
/// axe-core on every page each role can open, found from the app's own routes (a new page is checked without
/// anyone remembering to list it): no serious or critical violation anywhere. Route ids are filled from the demo
/// database with a record the role may see, so the check reads the real page, not its refusal.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityStoryTests(BrowserFixture app)
{
    // Pages that are not a signed-in user's: the sign-in form, the display-token screen and the error pages are
    // checked by their own stories or have nothing a user works in.
    private static readonly HashSet<string> NotChecked = ["/login", "/screen", "/Error", "/not-found", "/denied"];

    // Each page is checked once, as the first of these users who may open it: the secretary sees the most of a
    // community, a lead the roster editor, the official the district, the admin the account pages.
    private static readonly (string User, string Role)[] Users =
        [("shuji", Roles.Secretary), ("jinjiejie", Roles.Lead), ("jiedao", Roles.Official), ("admin", Roles.Admin)];

    /// <summary>
    /// Every page at 1440×900 passes axe with no serious or critical violation, and at 200% zoom (the same window seen
    /// as 720×450 CSS pixels) it still reflows into the width: nothing makes the page scroll sideways.
    /// </summary>
    [SkippableFact]
    public Task EveryPage_HasNoSeriousOrCriticalViolations_AndReflowsAt200PercentZoom() => app.RunAsync("axe-every-page", async () =>
    {
        var done = new HashSet<string>(NotChecked);
        var found = new List<string>();
        var checkedPaths = 0;
        foreach (var (userName, role) in Users)
        {
            var routes = RoutesFor(role).Where(done.Add).ToList();
            if (routes.Count == 0)
            {
                continue;
            }
            var page = await app.SignInAsync(userName, 1440, 900);
            foreach (var template in routes)
            {
                var path = await FillAsync(template, userName);
                if (path is null)
                {
                    continue;
                }
                await page.SetViewportSizeAsync(1440, 900);
                if (StaticRoutes.Contains(template))
                {
                    // A static page (the password form writes the cookie) never starts the live connection.
                    await page.GotoAsync(app.BaseUrl + path);
                }
                else
                {
                    await app.OpenAsync(page, path);
                }
                await SettleAsync(page);
                var result = await page.RunAxe();
                found.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                    $"{userName} {path}: {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}"));

                // 200% zoom of a 1440-px window: the layout gets 720 CSS pixels.
                await page.SetViewportSizeAsync(720, 450);
                var overflow = await page.EvaluateAsync<int>(
                    "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(document.documentElement.scrollWidth - document.documentElement.clientWidth))))");
                if (overflow > 1)
                {
                    found.Add($"{userName} {path}: at 200% zoom the page scrolls sideways by {overflow} px");
                }
                checkedPaths++;
            }
            await page.Context.CloseAsync();
        }
        Assert.True(checkedPaths >= 25, $"only {checkedPaths} pages were checked");
        Assert.True(found.Count == 0, string.Join("\n", found));
    });

    [Fact]
    public void TheRouteList_CoversEveryPageOfEveryRole()
    {
        var all = Routes().Select(r => r.Template).ToHashSet();
        var checkedByAnyRole = new[] { Roles.Official, Roles.Secretary, Roles.Lead, Roles.Admin }.SelectMany(RoutesFor).ToHashSet();
        Assert.Empty(all.Except(checkedByAnyRole).Except(NotChecked));
    }

    private static List<string> RoutesFor(string role) =>
        Routes().Where(r => !NotChecked.Contains(r.Template) && PageRoles.Allows(r.Roles, new HashSet<string> { role }))
            .Select(r => r.Template).Distinct().Order(StringComparer.Ordinal).ToList();

    private static readonly HashSet<string> StaticRoutes = typeof(PageRoles).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is not null)
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template)).ToHashSet();

    private static IEnumerable<(string Template, string? Roles)> Routes() =>
        typeof(PageRoles).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Roles).FirstOrDefault(r => r is not null))));

    /// <summary>The route with its ids filled by records of community 1 (the lead's own team for a lead), or null when none exists.</summary>
    private async Task<string?> FillAsync(string template, string userName)
    {
        if (!template.Contains('{'))
        {
            return template;
        }
        await using var conn = new SqliteConnection($"Data Source={app.DatabaseFile}");
        var team = await conn.ExecuteScalarAsync<int?>(
            "SELECT COALESCE((SELECT TeamId FROM AppUser WHERE UserName = @userName), (SELECT MIN(Id) FROM Team WHERE CommunityId = 1));",
            new { userName });
        const string member = "SELECT MIN(ms.MemberId) FROM Membership ms WHERE ms.TeamId = @team AND ms.LeftOn IS NULL";
        var sql = template switch
        {
            "/teams/{Id:int}" => "SELECT @team;",
            "/teams/{Id:int}/members/{MemberId:int}" => "SELECT @team;",
            "/members/{Id:int}" => member + ";",
            "/tasks/{Id:int}" => "SELECT MIN(t.Id) FROM ResidentTask t JOIN Grid g ON g.Id = t.GridId WHERE g.CommunityId = 1;",
            "/wishes/{Id:int}" => "SELECT MIN(w.Id) FROM MicroWish w JOIN Grid g ON g.Id = w.GridId WHERE g.CommunityId = 1;",
            "/activities/{Id:int}" => "SELECT MIN(a.Id) FROM Activity a JOIN Team t ON t.Id = a.TeamId WHERE t.Id = @team;",
            "/grids/{Id:int}" => "SELECT MIN(Id) FROM Grid WHERE CommunityId = 1;",
            "/activities/{Id:int}/signin" => "SELECT MIN(a.Id) FROM Activity a JOIN Team t ON t.Id = a.TeamId WHERE t.CommunityId = 1;",
            "/evaluations/{Id:int}/notice" => "SELECT MIN(e.Id) FROM Evaluation e WHERE e.CommunityId = 1 AND e.Status <> 'Draft';",
            "/certificates/{Id:int}" => "SELECT MIN(c.Id) FROM ServiceCertificate c WHERE c.CommunityId = 1;",
            _ => throw new InvalidOperationException($"No id for the route {template}: add one here so the page is checked."),
        };
        var id = await conn.ExecuteScalarAsync<int?>(sql, new { team }) ?? await PrintableAsync(template, conn);
        if (id is null)
        {
            return null;
        }
        var path = template.Replace("{Id:int}", id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (path.Contains("{MemberId:int}", StringComparison.Ordinal))
        {
            var m = await conn.ExecuteScalarAsync<int?>(member + ";", new { team });
            path = m is null ? null! : path.Replace("{MemberId:int}", m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return path;
    }

    // The demo has no published evaluation and no certificate; unless a story made one first, the walk makes its own so
    // the 公示 notice and the certificate are checked in every run, not only when the stories happen to run before it.
    private async Task<int?> PrintableAsync(string template, SqliteConnection conn)
    {
        switch (template)
        {
            case "/evaluations/{Id:int}/notice":
                // As the print story writes it, for a half-year no story uses.
                var evaluation = await PrintStoryTests.PublishedEvaluationAsync(conn, 2025, 1, "2025-07-15");
                return evaluation;
            case "/certificates/{Id:int}":
                // Issued through the command, for a volunteer the demo gave an ID line.
                var factory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={app.DatabaseFile}"));
                var clock = new BaiheClock(TimeProvider.System);
                var member = await conn.ExecuteScalarAsync<int>("""
                    SELECT MIN(m.Id) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1 AND m.VolunteerNo IS NOT NULL;
                    """);
                var user = await new UserQueries(factory).FindByUserNameAsync("shuji") ?? throw new InvalidOperationException("no user shuji");
                var issued = await new CertificateCommands(factory, clock).IssueAsync(BaiheClaims.ToActor(BaiheClaims.Principal(user, "test"))!,
                    new CertificateRequest(1, member, clock.Today.AddYears(-1), clock.Today, "李书记", "王经办", "0754-88888888"));
                Assert.True(issued.Ok, issued.Error);
                return issued.Id;
            default:
                return null;
        }
    }

    // A page has settled when no progress bar is running and its charts (if any) have drawn; bounded, so a page
    // that never settles is still checked as it stands.
    private static async Task SettleAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "() => !document.querySelector('.mud-progress-linear-indeterminate, .mud-progress-circular') && [...document.querySelectorAll('.baihe-chart-canvas')].every(c => c.querySelector('svg'))",
                null, new PageWaitForFunctionOptions { Timeout = 5_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            // Checked as it stands: a spinner that never stops is itself something axe and a person would see.
        }
    }
}
