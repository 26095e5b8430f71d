using System.Reflection;
using System.Security.Claims;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Audit;
using Baihe.Data.Certificates;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Data.Points;
using Baihe.Data.Tasks;
using Baihe.Data.Wishes;
using Baihe.Data.Deliberations;
using Baihe.Data.Reports;
using Baihe.Data.Screens;
using Dapper;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Authorization;

/// <summary>
/// Walks access-matrix.txt: pages through the app's own authorization policies (as the endpoint and the router
/// apply them), write commands by running them on a real database as each principal.
/// </summary>
public class AccessMatrixTests
{
    private static readonly string[] Principals = ["anonymous", "official", "secretary", "leadA", "leadB", "admin"];

    private static readonly Dictionary<string, string> UserNames = new()
    {
        ["official"] = "jiedao", ["secretary"] = "shuji", ["leadA"] = "jinjiejie", ["leadB"] = "yinhui", ["admin"] = "admin",
    };

    private static List<(string Kind, string Target, Dictionary<string, bool> Allowed)> Matrix()
    {
        var rows = new List<(string, string, Dictionary<string, bool>)>();
        foreach (var line in File.ReadAllLines(Repo.PathOf("Baihe.Tests", "Authorization", "access-matrix.txt")))
        {
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#') || line.StartsWith("rule "))
            {
                continue;
            }
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(cells.Length == 2 + Principals.Length, $"malformed matrix line: {line}");
            var allowed = Principals.Select((p, i) => (p, cells[2 + i] switch
            {
                "allow" => true,
                "deny" => false,
                var other => throw new InvalidOperationException($"'{other}' is neither allow nor deny in: {line}"),
            })).ToDictionary(x => x.p, x => x.Item2);
            rows.Add((cells[0], cells[1], allowed));
        }
        return rows;
    }

    [Fact]
    public void EveryRoutablePageAndEveryWriteCommand_IsInTheMatrix()
    {
        var matrix = Matrix();
        var pages = PageTypes().Keys.ToHashSet();
        var commands = CommandMethods().ToHashSet();

        Assert.Equal(pages.Order(), matrix.Where(r => r.Kind == "page").Select(r => r.Target).Order());
        Assert.Equal(commands.Order(), matrix.Where(r => r.Kind == "command").Select(r => r.Target).Order());
        Assert.Contains("RosterCommands.AddMemberAsync", commands);
    }

    [Fact]
    public async Task Pages_FollowTheMatrixThroughTheRealPolicies()
    {
        await using var app = new AppFactory();
        using var scope = app.Services.CreateScope();
        var policies = scope.ServiceProvider.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var users = scope.ServiceProvider.GetRequiredService<UserQueries>();
        var principals = await PrincipalsAsync(users);
        var pages = PageTypes();

        var mismatches = new List<string>();
        foreach (var (_, route, allowed) in Matrix().Where(r => r.Kind == "page"))
        {
            var type = pages[route];
            foreach (var who in Principals)
            {
                var actual = await AllowsAsync(type, principals[who], policies, authorization);
                if (actual != allowed[who])
                {
                    mismatches.Add($"{route} for {who}: expected {(allowed[who] ? "allow" : "deny")}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Commands_FollowTheMatrixWhenRunAsEachPrincipal()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var users = new UserQueries(db.Factory);
        var principals = await PrincipalsAsync(users);
        var invokers = Invokers(db);

        var mismatches = new List<string>();
        foreach (var (_, command, allowed) in Matrix().Where(r => r.Kind == "command"))
        {
            Assert.True(invokers.ContainsKey(command), $"no invoker for {command}: add one to this test");
            foreach (var who in Principals)
            {
                var actor = BaiheClaims.ToActor(principals[who]);
                bool actual;
                if (actor is null)
                {
                    actual = false; // an anonymous principal has no actor, so no page can call a command for it
                }
                else
                {
                    try
                    {
                        var result = await invokers[command](actor);
                        Assert.True(result.Ok, $"{command} as {who} was neither done nor denied: {result.Error}");
                        actual = true;
                    }
                    catch (AccessDeniedException)
                    {
                        actual = false;
                    }
                }
                if (actual != allowed[who])
                {
                    mismatches.Add($"{command} for {who}: expected {(allowed[who] ? "allow" : "deny")}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>The matrix's <c>rule</c> lines: command, rule function, and the pages that show the command's action.</summary>
    private static List<(string Command, string Rule, string[] Pages)> Rules() =>
        File.ReadAllLines(Repo.PathOf("Baihe.Tests", "Authorization", "access-matrix.txt"))
            .Where(l => l.StartsWith("rule "))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(c => (c[1], c[2], c[3..]))
            .ToList();

    /// <summary>
    /// A command and the pages that offer its action ask the same rule function: the command's class calls it (inside
    /// its transaction) and each page named calls it to decide whether to show the action. The function is a public
    /// static method of Baihe.Data, so it is one answer in one place.
    /// </summary>
    [Fact]
    public void EveryRuleLine_NamesARuleThatTheCommandAndItsPagesCall()
    {
        var data = typeof(DbConnectionFactory).Assembly;
        var problems = new List<string>();
        foreach (var (command, rule, pages) in Rules())
        {
            var (ruleClass, ruleMethod) = (rule.Split('.')[0], rule.Split('.')[1]);
            var type = data.GetTypes().SingleOrDefault(t => t.Name == ruleClass);
            if (type?.GetMethod(ruleMethod, BindingFlags.Public | BindingFlags.Static) is null)
            {
                problems.Add($"{rule} is not a public static rule function in Baihe.Data");
                continue;
            }
            var commandClass = command.Split('.')[0];
            var commandFile = Directory.GetFiles(Repo.PathOf("Baihe.Data"), commandClass + ".cs", SearchOption.AllDirectories).SingleOrDefault();
            if (commandFile is null || !File.ReadAllText(commandFile).Contains(rule + "("))
            {
                problems.Add($"{command}: {commandClass}.cs does not call {rule}");
            }
            foreach (var page in pages)
            {
                var file = Repo.PathOf(["Baihe.Dashboard", "Components", "Pages", .. page.Split('/')]);
                if (!File.Exists(file) || !File.ReadAllText(file).Contains(rule + "("))
                {
                    problems.Add($"{command}: page {page} does not ask {rule}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryWriteCommand_HasARuleLine()
    {
        var ruled = Rules().Select(r => r.Command).ToHashSet();
        var missing = Matrix().Where(r => r.Kind == "command" && !ruled.Contains(r.Target)).Select(r => r.Target).ToList();
        Assert.True(missing.Count == 0, "commands with no rule line: " + string.Join(", ", missing));
    }

    /// <summary>
    /// Pages and shared components never decide a permission from the actor's role or scope themselves: they ask the
    /// area's rule, which the command asks too. (Showing a roster role such as 队长 is not a permission check.)
    /// </summary>
    [Fact]
    public void NoPageOrComponent_TestsTheActorsRoleItself()
    {
        var pattern = new System.Text.RegularExpressions.Regex(
            @"IsSecretaryOf\(|IsLeadOf\(|[Aa]ctor\??\.Role\b|[=!]= *Roles\.|is Roles\.|Role is Roles\.");
        var offenders = Directory.GetFiles(Repo.PathOf("Baihe.Dashboard", "Components"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => pattern.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    private static Dictionary<string, Type> PageTypes() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t)))
            .ToDictionary(x => x.Template, x => x.t);

    /// <summary>
    /// A write command is any public method returning Task&lt;CommandResult&gt; (but the write skeleton every command runs
    /// in); each must take the Actor first.
    /// </summary>
    private static IEnumerable<string> CommandMethods()
    {
        var methods = typeof(DbConnectionFactory).Assembly.GetTypes()
            .Where(t => t != typeof(WriteTransaction))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Task<CommandResult>))
            .ToList();
        Assert.All(methods, m => Assert.True(m.GetParameters().FirstOrDefault()?.ParameterType == typeof(Actor),
            $"{m.DeclaringType!.Name}.{m.Name} writes without an Actor to authorize"));
        return methods.Select(m => $"{m.DeclaringType!.Name}.{m.Name}");
    }

    private static async Task<bool> AllowsAsync(Type page, ClaimsPrincipal user, IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
    {
        if (page.GetCustomAttributes(inherit: true).OfType<IAllowAnonymous>().Any())
        {
            return true;
        }
        var data = page.GetCustomAttributes(inherit: true).OfType<IAuthorizeData>().ToList();
        var policy = await AuthorizationPolicy.CombineAsync(policies, data);
        return policy is null || (await authorization.AuthorizeAsync(user, null, policy)).Succeeded;
    }

    private static async Task<Dictionary<string, ClaimsPrincipal>> PrincipalsAsync(UserQueries users)
    {
        var principals = new Dictionary<string, ClaimsPrincipal> { ["anonymous"] = new(new ClaimsIdentity()) };
        foreach (var (who, name) in UserNames)
        {
            principals[who] = BaiheClaims.Principal((await users.FindByUserNameAsync(name))!, "Cookies");
        }
        return principals;
    }

    /// <summary>One valid call per command, with fresh arguments each time, so only authorization decides.</summary>
    private static Dictionary<string, Func<Actor, Task<CommandResult>>> Invokers(TestDatabase db)
    {
        var roster = new RosterCommands(db.Factory, db.Clock);
        var teams = new TeamQueries(db.Factory);
        var userCommands = new UserCommands(db.Factory, db.Clock);
        var users = new UserQueries(db.Factory);
        var n = 0;
        async Task<int> TeamA() => (await teams.ListAsync(1)).Single(t => t.Name == "金姐姐").Id;
        async Task<RosterRow> MemberOfA(int skip) => (await teams.DetailAsync(await TeamA()))!.Roster.Where(r => r.Role != RosterRole.Lead).Skip(skip).First();

        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        var activities = new ActivityCommands(db.Factory, db.Clock);
        var evaluations = new EvaluationCommands(db.Factory, db.Clock);
        var today = db.Clock.Today;
        async Task<Actor> Secretary() => await db.ActorAsync("shuji");
        // A resident on 金姐姐 and on no team leadB leads, so only the team's own lead may act for them.
        async Task<int> OnlyOnA()
        {
            var a = (await teams.DetailAsync(await TeamA()))!.Roster.Select(r => r.MemberId);
            var b = (await teams.DetailAsync((await teams.ListAsync(1)).Single(t => t.Name == "银辉先锋").Id))!.Roster.Select(r => r.MemberId);
            return a.Except(b).First();
        }
        async Task Exec(string sql, object? args = null)
        {
            await using var conn = await db.Factory.OpenAsync();
            await conn.ExecuteAsync(sql, args);
        }
        async Task<int> Scalar(string sql, object? args = null)
        {
            await using var conn = await db.Factory.OpenAsync();
            return await conn.ExecuteScalarAsync<int>(sql, args);
        }
        async Task<int> OpenActivityWithAttendee()
        {
            var id = (await activities.CreateAsync(await Secretary(), new ActivityInput(await TeamA(), 2, $"矩阵活动{++n}", "社区", today, 2))).Id!.Value;
            await activities.SaveAttendanceAsync(await Secretary(), id, [await OnlyOnA()]);
            return id;
        }
        var tasks = new TaskCommands(db.Factory, db.Clock, new TaskDueHours());
        var workflow = new TaskWorkflowQueries(db.Factory);
        async Task<long> Version(int id) => (await workflow.DetailAsync(id))!.Value.Task.RowVersion;
        // Walks a fresh task, as the secretary, up to the stage a command needs; assigned tasks go to 金姐姐.
        async Task<int> TaskAt(string stage)
        {
            var s = await Secretary();
            var id = (await tasks.IntakeAsync(s, new IntakeRequest { GridId = 1, Title = $"矩阵诉求{++n}", Description = "矩阵测试", Category = "其他", Source = "Hotline" })).Id!.Value;
            if (stage == TaskCodes.Collected) return id;
            await tasks.TriageAsync(s, id, "Normal", "其他", await Version(id));
            if (stage == TaskCodes.Identified) return id;
            await tasks.AssignAsync(s, id, await TeamA(), [await OnlyOnA()], null, await Version(id));
            if (stage == TaskCodes.Assigned) return id;
            await tasks.ResolveAsync(s, id, TaskCodes.ResultResolved, "已处理", await Version(id));
            if (stage == TaskCodes.Resolved) return id;
            await tasks.ConfirmAsync(s, id, TaskCodes.ResultResolved, TaskCodes.Satisfied, null, await Version(id));
            return id;
        }
        var callbacks = new CallbackCommands(db.Factory, db.Clock, TaskOptions.Default);
        // A sampled closed task of 百合园社区, in a draw of its own (a month no other draw uses).
        async Task<int> Sample()
        {
            var task = await TaskAt(TaskCodes.Closed);
            await Exec("INSERT INTO CallbackDraw (CommunityId, Month, Seed, SamplePercent, Population, SampleSize, DrawnAt) VALUES (1, @month, 1, 30, 1, 1, @at);",
                new { month = 210001 + ++n, at = db.Clock.Now });
            var draw = await Scalar("SELECT MAX(Id) FROM CallbackDraw;");
            await Exec("INSERT INTO CallbackSample (DrawId, TaskId) VALUES (@draw, @task);", new { draw, task });
            return await Scalar("SELECT MAX(Id) FROM CallbackSample;");
        }
        var wishes = new WishCommands(db.Factory, db.Clock);
        async Task<int> Wish(bool claimedByTeamA = false, bool fulfilled = false)
        {
            var s = await Secretary();
            var id = (await wishes.PublishAsync(s, new WishInput(1, "矩阵", "Elderly", $"矩阵心愿{++n}", 10))).Id!.Value;
            if (claimedByTeamA) await wishes.ClaimAsync(s, id, "Team", await TeamA());
            if (fulfilled) await wishes.FulfilAsync(s, id, "已送达", null, false);
            return id;
        }
        async Task<int> DraftEvaluation() => (await evaluations.CreateAsync(await Secretary(), 1, today.Year, Period.HalfOf(today), null, 3)).Id!.Value;

        var screens = new DisplayTokenCommands(db.Factory, db.Clock);
        async Task<int> ScreenToken()
        {
            var admin = await db.ActorAsync("admin");
            return (await screens.CreateAsync(admin, await Scalar("SELECT SubDistrictId FROM Community WHERE Id = 1;"), $"矩阵大屏{++n}", DisplayTokenSecret.NewToken())).Id!.Value;
        }

        var certificates = new CertificateCommands(db.Factory, db.Clock);
        var notifications = new NotificationCommands(db.Factory, db.Clock);
        // A volunteer of 百合园 with ID lines on file and closed volunteer services this year.
        async Task<int> Volunteer() => await Scalar("""
            SELECT MIN(at.MemberId) FROM Attendance at JOIN Activity a ON a.Id = at.ActivityId JOIN Team t ON t.Id = a.TeamId
            JOIN Member m ON m.Id = at.MemberId
            WHERE t.CommunityId = 1 AND t.Kind = 'VolunteerService' AND a.Status = 'Closed' AND m.VolunteerNo IS NOT NULL AND a.HeldOn >= @From;
            """, new { From = new DateTime(today.Year, 1, 1) });
        async Task<CertificateRequest> Certificate() => new(1, await Volunteer(), new DateTime(today.Year, 1, 1), today, "李书记", "王经办", "0754-88888888");
        async Task<int> IssuedCertificate() => (await certificates.IssueAsync(await Secretary(), await Certificate())).Id!.Value;

        return new()
        {
            ["CertificateCommands.IssueAsync"] = async actor => await certificates.IssueAsync(actor, await Certificate()),
            ["CertificateCommands.VoidAsync"] = async actor => await certificates.VoidAsync(actor, await IssuedCertificate(), "矩阵作废"),
            ["CertificateCommands.SetIdentityAsync"] = async actor =>
                await certificates.SetIdentityAsync(actor, await OnlyOnA(), IdTypes.IdCard, "440511199001011234", $"M-{++n}"),
            ["DisplayTokenCommands.CreateAsync"] = async actor => await screens.CreateAsync(actor,
                await Scalar("SELECT SubDistrictId FROM Community WHERE Id = 1;"), $"矩阵大屏{++n}", DisplayTokenSecret.NewToken()),
            ["DisplayTokenCommands.RevokeAsync"] = async actor => await screens.RevokeAsync(actor, await ScreenToken()),
            ["AuditCommands.ArchiveAsync"] = async actor =>
            {
                // One row old enough to archive, so only authorization decides.
                await using (var conn = await db.Factory.OpenAsync())
                {
                    await Journal.AuditAsync(conn, null, actor, new DateTime(2001, 1, 1), "Matrix.Old", "AuditLog", null, null, null);
                }
                return await new AuditCommands(db.Factory, db.Clock).ArchiveAsync(actor, new DateTime(2001, 1, 2), (_, _) => Task.FromResult(""));
            },
            ["LedgerCommands.RecordServiceAsync"] = async actor => await ledger.RecordServiceAsync(actor, await OnlyOnA(), 3, today, "矩阵测试"),
            ["LedgerCommands.CorrectAsync"] = async actor =>
            {
                var entry = (await ledger.RecordServiceAsync(await Secretary(), await OnlyOnA(), 3, today, "待冲正")).Id!.Value;
                return await ledger.CorrectAsync(actor, entry, "矩阵测试");
            },
            ["ExchangeCommands.RedeemAsync"] = async actor =>
            {
                var member = await OnlyOnA();
                await Exec("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@member, 3, 10, @today, 'Service', @today);", new { member, today });
                return await exchange.RedeemAsync(actor, member, await Scalar("SELECT Id FROM Reward WHERE Name = '补鞋';"), Guid.NewGuid().ToString("N"));
            },
            ["ExchangeCommands.FulfilAsync"] = async actor =>
            {
                var member = await OnlyOnA();
                await Exec("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@member, 3, 10, @today, 'Service', @today);", new { member, today });
                var redemption = (await exchange.RedeemAsync(await Secretary(), member, await Scalar("SELECT Id FROM Reward WHERE Name = '补鞋';"), Guid.NewGuid().ToString("N"))).Id!.Value;
                return await exchange.FulfilAsync(actor, redemption);
            },
            ["ExchangeCommands.SaveRewardAsync"] = async actor => await exchange.SaveRewardAsync(actor, 1, null, $"矩阵奖品{++n}", 5, true, null, 0),
            ["ActivityCommands.CreateAsync"] = async actor => await activities.CreateAsync(actor, new ActivityInput(await TeamA(), 2, $"矩阵活动{++n}", "社区", today, 2)),
            ["ActivityCommands.SaveAttendanceAsync"] = async actor => await activities.SaveAttendanceAsync(actor, await OpenActivityWithAttendee(), [await OnlyOnA()]),
            ["ActivityCommands.CloseAsync"] = async actor => await activities.CloseAsync(actor, await OpenActivityWithAttendee()),
            ["EvaluationCommands.CreateAsync"] = async actor => await evaluations.CreateAsync(actor, 1, today.Year, Period.HalfOf(today), null, 3),
            ["EvaluationCommands.SetWinnerAsync"] = async actor =>
            {
                var id = await DraftEvaluation();
                return await evaluations.SetWinnerAsync(actor, id, await Scalar("SELECT MIN(MemberId) FROM EvaluationResult WHERE EvaluationId = @id;", new { id }), true);
            },
            ["EvaluationCommands.PubliciseAsync"] = async actor =>
            {
                var id = await DraftEvaluation();
                await Exec("UPDATE EvaluationResult SET IsWinner = 1 WHERE EvaluationId = @id;", new { id });
                return await evaluations.PubliciseAsync(actor, id, today.AddDays(7));
            },
            ["EvaluationCommands.ArchiveAsync"] = async actor =>
            {
                var id = await DraftEvaluation();
                await Exec("UPDATE Evaluation SET Status = 'Publicised', PublicityEndsOn = @ended WHERE Id = @id;", new { id, ended = today.AddDays(-1) });
                return await evaluations.ArchiveAsync(actor, id);
            },
            ["TaskCommands.IntakeAsync"] = async actor => await tasks.IntakeAsync(actor,
                new IntakeRequest { GridId = 1, Title = $"矩阵诉求{++n}", Description = "矩阵测试", Category = "其他", Source = "Hotline" }),
            ["TaskCommands.TriageAsync"] = async actor => { var id = await TaskAt(TaskCodes.Collected); return await tasks.TriageAsync(actor, id, "High", "其他", await Version(id)); },
            ["TaskCommands.AssignAsync"] = async actor => { var id = await TaskAt(TaskCodes.Identified); return await tasks.AssignAsync(actor, id, await TeamA(), [], null, await Version(id)); },
            ["TaskCommands.ResolveAsync"] = async actor => { var id = await TaskAt(TaskCodes.Assigned); return await tasks.ResolveAsync(actor, id, TaskCodes.ResultResolved, "已处理", await Version(id)); },
            ["TaskCommands.ConfirmAsync"] = async actor => { var id = await TaskAt(TaskCodes.Resolved); return await tasks.ConfirmAsync(actor, id, TaskCodes.ResultResolved, TaskCodes.Satisfied, null, await Version(id)); },
            ["TaskCommands.CreditAsync"] = async actor => await tasks.CreditAsync(actor, await TaskAt(TaskCodes.Closed), [await OnlyOnA()]),
            ["TaskCommands.ReopenAsync"] = async actor => { var id = await TaskAt(TaskCodes.Resolved); return await tasks.ReopenAsync(actor, id, "复核发现仍漏水", null, await Version(id)); },
            ["CallbackCommands.DrawAsync"] = async actor => await callbacks.DrawAsync(actor, 1),
            ["CallbackCommands.RecordAsync"] = async actor => await callbacks.RecordAsync(actor, await Sample(), TaskCodes.Basic, "矩阵回访"),
            ["WishCommands.PublishAsync"] = async actor => await wishes.PublishAsync(actor, new WishInput(1, "矩阵", "Elderly", $"矩阵心愿{++n}", 10)),
            ["WishCommands.ClaimAsync"] = async actor => await wishes.ClaimAsync(actor, await Wish(), "Team", await TeamA()),
            ["WishCommands.FulfilAsync"] = async actor => await wishes.FulfilAsync(actor, await Wish(claimedByTeamA: true), "已送达", null, false),
            ["WishCommands.VisitAsync"] = async actor => await wishes.VisitAsync(actor, await Wish(claimedByTeamA: true, fulfilled: true), "回访"),
            ["DeliberationCommands.RecordAsync"] = async actor => await new DeliberationCommands(db.Factory, db.Clock).RecordAsync(actor,
                new MeetingInput(1, today, $"矩阵议题{++n}", "矩阵需求", null, [await OnlyOnA()])),
            // Every role with a scope in the community may export something of it (a lead: their roster), so leadB is allowed too.
            ["ReportCommands.RecordExportAsync"] = async actor => await new ReportCommands(db.Factory, db.Clock).RecordExportAsync(actor,
                new ExportScope(1, null, false), "2026-10", 0, "00"),
            // The sub-district roll-up: only an official of 金东街道 (the demo community's sub-district).
            ["ReportCommands.RecordSubDistrictExportAsync"] = async actor => await new ReportCommands(db.Factory, db.Clock).RecordSubDistrictExportAsync(actor,
                await Scalar("SELECT SubDistrictId FROM Community WHERE Id = 1;"), "2026-10", 0, "00"),
            ["ReportArchiveCommands.StoreAsync"] = async actor => await new ReportArchiveCommands(db.Factory, db.Clock).StoreAsync(actor,
                new ArchivedReportScope(1, await Scalar("SELECT SubDistrictId FROM Community WHERE Id = 1;")), "2026-10", false, "矩阵", "矩阵.xlsx", [1, 2, 3], 0, new string('a', 64)),
            // A one-resident file into 百合园社区: its secretary and any admin may import it.
            ["ImportCommands.CommitAsync"] = async actor => await new Baihe.Data.Import.ImportCommands(db.Factory, db.Clock).CommitAsync(actor, 1,
                new Baihe.Data.Import.ImportFile("矩阵.xlsx", "00", [new Baihe.Data.Import.ResidentLine(2, $"矩阵导入{++n}", "", "第一网格", "", "", "")], [])),
            ["RosterCommands.AddMemberAsync"] = async actor => await roster.AddMemberAsync(actor, await TeamA(),
                new AddMemberRequest { Name = $"矩阵测试{++n}", GridId = 1, Role = RosterRole.Member, JoinedOn = db.Clock.Today }),
            ["RosterCommands.ChangeRoleAsync"] = async actor =>
            {
                var row = await MemberOfA(0);
                return await roster.ChangeRoleAsync(actor, row.MembershipId, row.Role == RosterRole.Member ? RosterRole.Deputy : RosterRole.Member, row.MembershipVersion);
            },
            ["RosterCommands.RecordLeaveAsync"] = async actor =>
            {
                var row = await MemberOfA(3);
                return await roster.RecordLeaveAsync(actor, row.MembershipId, db.Clock.Today, "矩阵测试", row.MembershipVersion);
            },
            ["RosterCommands.EditContactAsync"] = async actor =>
            {
                var row = await MemberOfA(1);
                return await roster.EditContactAsync(actor, await TeamA(), row.MemberId, $"改名{++n}", row.Phone, row.MemberVersion);
            },
            ["UserCommands.CreateAsync"] = async actor => await userCommands.CreateAsync(actor,
                new NewUser($"matrix{++n}", "矩阵测试", SignInService.Hash("matrix-password"), Roles.Lead, TeamId: await TeamA())),
            ["UserCommands.ChangeRoleAsync"] = async actor =>
            {
                var target = (await users.FindByUserNameAsync("baihe"))!;
                return await userCommands.ChangeRoleAsync(actor, target, Roles.Lead, null, null, target.TeamId);
            },
            ["UserCommands.SetDisabledAsync"] = async actor =>
            {
                var target = (await users.FindByUserNameAsync("xinhuo"))!;
                return await userCommands.SetDisabledAsync(actor, target, !target.IsDisabled);
            },
            ["UserCommands.EndSessionsAsync"] = async actor => await userCommands.EndSessionsAsync(actor, (await users.FindByUserNameAsync("baihe"))!.Id),
            // Each principal marks a notification of its own; someone else's is refused (NotificationCommandsTests).
            ["NotificationCommands.MarkReadAsync"] = async actor => await notifications.MarkReadAsync(actor, await Scalar("""
                INSERT INTO Notification (UserId, Kind, Title, Body, Link, CreatedAt) VALUES (@UserId, 'TaskAssigned', '矩阵通知', '矩阵', 'tasks', '2026-01-01 00:00:00');
                SELECT MAX(Id) FROM Notification;
                """, new { actor.UserId })),
            ["NotificationCommands.MarkAllReadAsync"] = async actor => await notifications.MarkAllReadAsync(actor),
            ["NotificationCommands.SavePreferencesAsync"] = async actor =>
                await notifications.SavePreferencesAsync(actor, new Dictionary<string, bool> { [NotificationKinds.WishClaimed] = false }),
            ["UserCommands.ResetPasswordAsync"] = async actor => await userCommands.ResetPasswordAsync(actor, (await users.FindByUserNameAsync("baihe"))!.Id,
                SignInService.Hash("matrix-temporary")),
            ["UserCommands.SetEmailAsync"] = async actor => await userCommands.SetEmailAsync(actor, (await users.FindByUserNameAsync("baihe"))!.Id, "baihe@example.cn", true),
            ["UserCommands.ChangeOwnPasswordAsync"] = async actor =>
            {
                var result = await userCommands.ChangeOwnPasswordAsync(actor, hash => SignInService.Verify(hash, DemoAccounts.Password),
                    SignInService.Hash(DemoAccounts.Password));
                // The change ends the account's sessions; the principals are reused by the rows below, so put their
                // stamp back as if they had signed in again.
                await Exec("UPDATE AppUser SET SecurityStamp = @stamp WHERE Id = @id;", new { stamp = actor.SecurityStamp, id = actor.UserId });
                return result;
            },
        };
    }
}
