using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Points;

/// <summary>Reads events and their attendance.</summary>
public sealed class ActivityQueries(DbConnectionFactory db)
{
    private const string SelectFragment = """
        SELECT a.Id, a.TeamId, t.Name AS Team, t.CommunityId, a.CategoryId, pc.Name AS Area, a.Title, a.Place, a.HeldOn,
               a.PointsPerAttendee, a.Status, a.StartMinute, a.EndMinute,
               (SELECT COUNT(*) FROM Attendance at WHERE at.ActivityId = a.Id) AS Headcount,
               (SELECT COUNT(*) FROM Attendance at WHERE at.ActivityId = a.Id) * a.PointsPerAttendee AS TotalPoints
        FROM Activity a
        JOIN Team t ON t.Id = a.TeamId
        JOIN PointCategory pc ON pc.Id = a.CategoryId
        """;

    private const string ListSql = SelectFragment + "\nWHERE t.CommunityId = @CommunityId\nORDER BY a.HeldOn DESC, a.Id DESC;";

    private const string OneSql = SelectFragment + "\nWHERE a.Id = @ActivityId;";

    private const string FilterFragment = """

        WHERE t.CommunityId = @CommunityId
          AND (@Q IS NULL OR a.Title LIKE @Q ESCAPE '\' OR a.Place LIKE @Q ESCAPE '\' OR t.Name LIKE @Q ESCAPE '\')
          AND (@Status IS NULL OR a.Status = @Status)
          AND (@From IS NULL OR a.HeldOn >= @From)
          AND (@To IS NULL OR a.HeldOn < @To)
          AND (@TeamId IS NULL OR a.TeamId = @TeamId)
          AND (@CategoryId IS NULL OR a.CategoryId = @CategoryId)
        """;

    private const string CountSql = """
        SELECT COUNT(*)
        FROM Activity a
        JOIN Team t ON t.Id = a.TeamId
        """ + FilterFragment + ";";

    private const string PageSqlServer = SelectFragment + FilterFragment + "\nORDER BY a.HeldOn DESC, a.Id DESC\nOFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = SelectFragment + FilterFragment + "\nORDER BY a.HeldOn DESC, a.Id DESC\nLIMIT @Take OFFSET @Skip;";

    private const string AttendeesSql = """
        SELECT m.Id AS MemberId, m.Name, 1 AS OnRoster,
               CASE WHEN att.MemberId IS NOT NULL THEN 1 ELSE 0 END AS Attended, att.ServiceMinutes
        FROM Membership ms JOIN Member m ON m.Id = ms.MemberId
        LEFT JOIN Attendance att ON att.ActivityId = @ActivityId AND att.MemberId = m.Id
        WHERE ms.TeamId = @TeamId AND ms.LeftOn IS NULL
        UNION ALL
        SELECT m.Id, m.Name, 0, 1, at.ServiceMinutes
        FROM Attendance at JOIN Member m ON m.Id = at.MemberId
        WHERE at.ActivityId = @ActivityId
          AND NOT EXISTS (SELECT 1 FROM Membership ms WHERE ms.TeamId = @TeamId AND ms.MemberId = m.Id AND ms.LeftOn IS NULL)
        ORDER BY 3 DESC, 2;
        """;

    /// <summary>The events of a community, newest first, each with its tally.</summary>
    public async Task<IReadOnlyList<ActivityRow>> ListAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<ActivityRow>(new CommandDefinition(ListSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// One page of a community's events matching <paramref name="filter"/> (keyword in title, place or team), newest
    /// first, with the count of all that match.
    /// </summary>
    public async Task<ListPage<ActivityRow>> SearchAsync(int communityId, PointsListFilter filter, CancellationToken ct = default)
    {
        var args = new
        {
            CommunityId = communityId, Q = SearchText.Contains(filter.Q), filter.Status, filter.From, To = filter.ToExclusive,
            filter.TeamId, filter.CategoryId, filter.Skip, Take = PointsListFilter.PageSize,
        };
        await using var conn = await db.OpenAsync(ct);
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        var rows = await conn.QueryAsync<ActivityRow>(new CommandDefinition(db.IsSqlite ? PageSqlite : PageSqlServer, args, cancellationToken: ct));
        return new ListPage<ActivityRow>(rows.AsList(), total, filter.Page, PointsListFilter.PageSize);
    }

    /// <summary>One event and its attendance screen, or null.</summary>
    public async Task<(ActivityRow Activity, IReadOnlyList<AttendeeRow> People)?> DetailAsync(int activityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var activity = await conn.QuerySingleOrDefaultAsync<ActivityRow>(new CommandDefinition(OneSql, new { ActivityId = activityId }, cancellationToken: ct));
        if (activity is null)
        {
            return null;
        }
        var people = await conn.QueryAsync<AttendeeRow>(new CommandDefinition(AttendeesSql, new { ActivityId = activityId, activity.TeamId }, cancellationToken: ct));
        return (activity, people.AsList());
    }
}
