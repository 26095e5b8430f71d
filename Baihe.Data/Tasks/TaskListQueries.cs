using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Tasks;

/// <summary>
/// The 民呼我应 list: one community's tasks narrowed by a <see cref="TaskListFilter"/>, newest first, paged in SQL with
/// the count of every matching row. The caller has resolved the community for the actor and checked the filter's grid
/// and team with <c>ListScopeQueries</c>.
/// </summary>
public sealed class TaskListQueries(DbConnectionFactory db)
{
    private const string FromFragment = """
        FROM ResidentTask rt
        JOIN Grid g ON g.Id = rt.GridId
        LEFT JOIN Member r ON r.Id = rt.ResidentId
        LEFT JOIN Team t ON t.Id = rt.AssignedTeamId

        """;

    private const string SelectFragment = """
        SELECT rt.Id, rt.Title, rt.Category, rt.Source, rt.Urgency, rt.Stage, g.Name AS Grid,
               r.Name AS Resident, t.Name AS Team, rt.CollectedAt, rt.DueAt, rt.ClosedAt, rt.Satisfaction,
        """ + TaskQueries.EscalationFragment + """


        """;

    // Each condition is off when its parameter is null, so one text serves every combination of filters. The keyword
    // is a SearchText pattern: % and _ typed by the user are matched literally through the escape character.
    private const string WhereFragment = """
        WHERE g.CommunityId = @CommunityId
          AND (@Stage IS NULL OR rt.Stage = @Stage)
          AND (@OverdueAt IS NULL OR (rt.Stage <> 'Closed' AND rt.DueAt < @OverdueAt))
          AND (@GridId IS NULL OR rt.GridId = @GridId)
          AND (@TeamId IS NULL OR rt.AssignedTeamId = @TeamId)
          AND (@Category IS NULL OR rt.Category = @Category)
          AND (@Urgency IS NULL OR rt.Urgency = @Urgency)
          AND (@Unjudged = 0 OR rt.Urgency IS NULL)
          AND (@From IS NULL OR rt.CollectedAt >= @From)
          AND (@To IS NULL OR rt.CollectedAt < @To)
          AND (@Q IS NULL OR rt.Title LIKE @Q ESCAPE '\' OR rt.Description LIKE @Q ESCAPE '\' OR r.Name LIKE @Q ESCAPE '\')

        """;

    private const string OrderFragment = "ORDER BY rt.CollectedAt DESC, rt.Id DESC\n";

    private const string PageSqlServer = SelectFragment + FromFragment + WhereFragment + OrderFragment + "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = SelectFragment + FromFragment + WhereFragment + OrderFragment + "LIMIT @Take OFFSET @Skip;";

    private const string CountSql = "SELECT COUNT(*)\n" + FromFragment + WhereFragment + ";";

    /// <summary>
    /// One page (0-based <paramref name="page"/> index) of <paramref name="communityId"/>'s tasks matching
    /// <paramref name="filter"/>; <paramref name="now"/> decides what <see cref="TaskListFilter.Overdue"/> means.
    /// </summary>
    public async Task<ListPage<TaskRow>> PageAsync(int communityId, TaskListFilter filter, PageRequest page, DateTime now, CancellationToken ct = default)
    {
        var overdue = filter.Stage == TaskListFilter.Overdue;
        var unjudged = filter.Urgency == TaskListFilter.Unjudged;
        var args = new
        {
            CommunityId = communityId,
            Stage = overdue ? null : filter.Stage,
            OverdueAt = overdue ? now : (DateTime?)null,
            filter.GridId,
            filter.TeamId,
            filter.Category,
            Urgency = unjudged ? null : filter.Urgency,
            Unjudged = unjudged ? 1 : 0,
            filter.From,
            To = filter.ToExclusive,
            Q = SearchText.Contains(filter.Keyword),
            page.Skip,
            page.Take,
        };
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<TaskRow>(new CommandDefinition(db.IsSqlite ? PageSqlite : PageSqlServer, args, cancellationToken: ct));
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        return new ListPage<TaskRow>(rows.AsList(), total, Math.Max(0, page.Index), page.Take);
    }
}
