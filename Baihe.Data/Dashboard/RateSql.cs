using System.Data.Common;
using Baihe.Data.Tasks;
using Dapper;

namespace Baihe.Data.Dashboard;

/// <summary>
/// The one query behind every task rate (<see cref="MonthRates"/>): the tasks received in [@From, @To) in the scope
/// (<see cref="DashboardSql.GridInScopeFragment"/>), one row per task with its outcome, counted per community, grid,
/// handling team and month. The overview, the district view, the drill lists, the big screen and the monthly report all
/// read it and add its rows up. The two engine texts differ only in the 响应率 deadline (received + the configured
/// minutes), date arithmetic the engines spell differently; SQLite compares to the second.
/// </summary>
internal static class RateSql
{
    // Per task: when it was received, when it first left 收集信息, and what its timeline holds.
    private const string PerTaskFragment = """
        FROM (
            SELECT g.CommunityId, rt.GridId, rt.AssignedTeamId AS TeamId, c.ChangedMonth AS Month, c.ChangedAt AS ReceivedAt,
                   rt.Stage, rt.DueAt, rt.ClosedAt, rt.Result, rt.Satisfaction,
                   MIN(CASE WHEN h.FromStage = 'Collected' THEN h.ChangedAt END) AS MovedAt,
                   SUM(CASE WHEN h.ToStage = 'Resolved' THEN 1 ELSE 0 END) AS Resolved,
                   SUM(CASE WHEN h.FromStage = 'Resolved' THEN 1 ELSE 0 END) AS Visits,
                   SUM(CASE WHEN h.FromStage = 'Resolved' AND h.ToStage = 'Assigned' THEN 1 ELSE 0 END) AS Reopens
            FROM TaskStageHistory c
            JOIN ResidentTask rt ON rt.Id = c.TaskId
            JOIN Grid g ON g.Id = rt.GridId
            JOIN TaskStageHistory h ON h.TaskId = c.TaskId
            WHERE c.ToStage = 'Collected' AND c.ChangedAt >= @From AND c.ChangedAt < @To AND 
        """ + DashboardSql.GridInScopeFragment + """

            GROUP BY c.Id, c.ChangedMonth, c.ChangedAt, g.CommunityId, rt.Id, rt.GridId, rt.AssignedTeamId, rt.Stage, rt.DueAt, rt.ClosedAt, rt.Result, rt.Satisfaction
        ) x
        GROUP BY x.CommunityId, x.GridId, x.TeamId, x.Month;
        """;

    // The counts; 按时办结率's "already overdue" is judged at @AsOf, the period's end or now, whichever is earlier.
    private const string CountsFragment = """
               SUM(CASE WHEN x.Result IS NOT NULL THEN 1 ELSE 0 END) AS WithResult,
               SUM(CASE WHEN x.Result = 'Resolved' THEN 1 ELSE 0 END) AS Solved,
               SUM(CASE WHEN x.Stage = 'Closed' THEN 1 ELSE 0 END) AS Closed,
               SUM(CASE WHEN x.Stage = 'Closed' AND x.DueAt IS NOT NULL AND x.ClosedAt <= x.DueAt THEN 1 ELSE 0 END) AS OnTime,
               SUM(CASE WHEN x.Stage <> 'Closed' AND x.DueAt < @AsOf THEN 1 ELSE 0 END) AS OpenOverdue,
               SUM(CASE WHEN x.Satisfaction IN ('Satisfied', 'Basic', 'Dissatisfied') THEN 1 ELSE 0 END) AS Rated,
               SUM(CASE WHEN x.Satisfaction IN ('Satisfied', 'Basic') THEN 1 ELSE 0 END) AS Satisfied,
               SUM(CASE WHEN x.Resolved > 0 THEN 1 ELSE 0 END) AS ReachedFeedback,
               SUM(CASE WHEN x.Visits > 0 THEN 1 ELSE 0 END) AS Visited,
               SUM(x.Reopens) AS Reopens

        """;

    private const string RatesSqlite = """
        SELECT x.CommunityId, x.GridId, x.TeamId, x.Month, COUNT(*) AS Received,
               SUM(CASE WHEN x.MovedAt IS NOT NULL
                         AND strftime('%Y-%m-%d %H:%M:%S', x.MovedAt) <= strftime('%Y-%m-%d %H:%M:%S', x.ReceivedAt, '+' || @ResponseMinutes || ' minutes')
                        THEN 1 ELSE 0 END) AS Responded,

        """ + CountsFragment + PerTaskFragment;

    private const string RatesSqlServer = """
        SELECT x.CommunityId, x.GridId, x.TeamId, x.Month, COUNT(*) AS Received,
               SUM(CASE WHEN x.MovedAt IS NOT NULL AND x.MovedAt <= DATEADD(MINUTE, @ResponseMinutes, x.ReceivedAt) THEN 1 ELSE 0 END) AS Responded,

        """ + CountsFragment + PerTaskFragment;

    /// <summary>The rate rows of the scope and period in <paramref name="args"/>, counted with <paramref name="options"/>.</summary>
    public static async Task<List<MonthRates>> ReadAsync(DbConnection conn, bool sqlite, DashboardArgs args, TaskOptions options, CancellationToken ct)
    {
        var parameters = new
        {
            args.SubDistrictId, args.CommunityId, args.GridId, args.From, args.To,
            AsOf = args.To < args.Now ? args.To : args.Now,
            options.ResponseMinutes,
        };
        return (await conn.QueryAsync<MonthRates>(new CommandDefinition(sqlite ? RatesSqlite : RatesSqlServer, parameters, cancellationToken: ct))).AsList();
    }
}
