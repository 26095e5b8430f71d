using System.Diagnostics;
using Baihe.Data.Accounts;
using Baihe.Data.Audit;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Bench;

/// <summary>
/// The audit viewer (/admin/audit) at its size: the default page and each single filter, as an administrator, an official
/// of 街道 1 and the secretary of community 1 open it: the page of 50 and its count, as <see cref="AuditQueries.PageAsync"/>
/// runs them, and the action list the filter offers. Each composed text is EXPLAINed on SQLite: index-backed means no
/// step scans the log and no page sorts its matching rows.
/// </summary>
public static class AuditBenchmark
{
    private const int PageSize = 50;

    /// <summary>The cases, each with the actor and filter it reads with (null filter: the action list).</summary>
    public static IReadOnlyList<(string Name, Actor Actor, AuditFilter? Filter)> Cases(int secretaryId, string person, DateOnly month)
    {
        var admin = new Actor(0, "bench", Roles.Admin, null, null, null);
        var official = new Actor(0, "bench", Roles.Official, 1, null, null);
        var secretary = new Actor(secretaryId, "bench", Roles.Secretary, null, 1, null);
        return
        [
            ("操作日志 AuditQueries.Page (admin, default page)", admin, AuditFilter.None),
            ("操作日志 AuditQueries.Page (admin, one person)", admin, new AuditFilter(Person: person)),
            ("操作日志 AuditQueries.Page (admin, one action)", admin, new AuditFilter(Action: "Roster.AddMember")),
            ("操作日志 AuditQueries.Page (admin, every refusal)", admin, new AuditFilter(Action: AuditFilter.AllRefusals)),
            ("操作日志 AuditQueries.Page (admin, area 队伍名册 with its refusals)", admin, new AuditFilter(Area: "Roster")),
            ("操作日志 AuditQueries.Page (admin, one record)", admin, new AuditFilter(EntityType: "Team", EntityId: "7")),
            ("操作日志 AuditQueries.Page (admin, one month)", admin, new AuditFilter(From: month, To: month.AddMonths(1).AddDays(-1))),
            ("操作日志 AuditQueries.Page (admin, one community)", admin, new AuditFilter(CommunityId: 1)),
            ("操作日志 AuditQueries.Page (official, 街道 1)", official, AuditFilter.None),
            ("操作日志 AuditQueries.Page (secretary, community 1)", secretary, AuditFilter.None),
            ("操作日志 AuditQueries.Actions (the action filter's list)", admin, null),
        ];
    }

    /// <summary>Times every case (3 warm-ups, then <paramref name="iterations"/> runs) and checks its plans on SQLite.</summary>
    public static async Task<IReadOnlyList<QueryTiming>> RunAsync(DbConnectionFactory factory, AuditQueries queries, int secretaryId, DateOnly month,
        int iterations, string? only, TextWriter output)
    {
        string person;
        await using (var conn = await factory.OpenAsync())
        {
            person = await conn.ExecuteScalarAsync<string>("SELECT MIN(UserName) FROM AppUser WHERE Role = 'Lead';") ?? "admin";
        }
        var results = new List<QueryTiming>();
        var plans = new List<string>();
        foreach (var (name, actor, filter) in Cases(secretaryId, person, month).Where(c => only is null || System.Text.RegularExpressions.Regex.IsMatch(c.Name, only)))
        {
            async Task<int> Run() => filter is null ? (await queries.ActionsAsync()).Count : (await queries.PageAsync(actor, filter, 1, PageSize)).Total;
            var rows = 0;
            for (var i = 0; i < 3; i++)
            {
                rows = await Run();
            }
            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var sw = Stopwatch.StartNew();
                await Run();
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            var backed = !factory.IsSqlite || await PlanIsIndexBackedAsync(factory, actor, filter, name, plans);
            results.Add(new QueryTiming(name, QueryBenchmark.Percentile(times, 0.50), QueryBenchmark.Percentile(times, 0.95), rows, backed));
        }
        if (plans.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Audit viewer plans (EXPLAIN QUERY PLAN of the composed page and count texts):");
            foreach (var line in plans)
            {
                output.WriteLine(line);
            }
        }
        return results;
    }

    private static async Task<bool> PlanIsIndexBackedAsync(DbConnectionFactory factory, Actor actor, AuditFilter? filter, string name, List<string> plans)
    {
        var texts = new List<(string Text, DynamicParameters Args)>();
        if (filter is null)
        {
            var next = new DynamicParameters();
            next.Add("After", "");
            texts.Add((AuditQueries.NextActionSqlText, next));
        }
        else
        {
            var (where, args) = AuditQueries.Where(AuditRules.ViewFor(actor)!, filter);
            args.Add("Cap", AuditQueries.CountCap + 1);
            args.Add("Skip", 0);
            args.Add("Take", PageSize);
            texts.Add((AuditQueries.CountSql(where, sqlite: true), args));
            texts.Add((AuditQueries.SelectFragment + where + AuditQueries.OrderFragment + AuditQueries.PagingSqliteFragment, args));
        }
        var ok = true;
        await using var conn = await factory.OpenAsync();
        foreach (var (text, args) in texts)
        {
            var lines = (await conn.QueryAsync<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + text, args)).Select(r => r.Detail).ToList();
            // A bare "SCAN a" reads the whole table, and a sort means every matching row is read before the first 50. An
            // index walked in order ("SCAN a USING INDEX IX_AuditLog_OccurredAt") stops after the page; the unfiltered
            // count of an administrator's whole log walks one covering index, and its time says what that costs.
            var bad = lines.Any(l => l == "SCAN a" || l.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
            ok &= !bad;
            plans.Add($"- {name}{(bad ? "  ← scans or sorts the log" : "")}");
            plans.AddRange(lines.Select(l => "    " + l));
        }
        return ok;
    }
}
