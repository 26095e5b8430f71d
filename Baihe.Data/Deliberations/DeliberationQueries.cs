using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Deliberations;

/// <summary>Reads 邻合百姓事 meetings, who came, what they became, and whom a new meeting may list.</summary>
public sealed class DeliberationQueries(DbConnectionFactory db, BaiheClock clock)
{
    private const string ListSql = """
        SELECT d.Id, d.HeldOn, d.Topic, d.NeedsRaised, d.Decisions,
               (SELECT COUNT(*) FROM DeliberationAttendee a WHERE a.DeliberationId = d.Id) AS Attendees,
               (SELECT COUNT(*) FROM ResidentTask rt WHERE rt.DeliberationId = d.Id) AS Tasks
        FROM Deliberation d
        WHERE d.CommunityId = @CommunityId
        ORDER BY d.HeldOn DESC, d.Id DESC;
        """;

    private const string TasksSql = """
        SELECT rt.DeliberationId, rt.Id AS TaskId, rt.Title, rt.Stage
        FROM ResidentTask rt
        JOIN Deliberation d ON d.Id = rt.DeliberationId
        WHERE d.CommunityId = @CommunityId
        ORDER BY rt.DeliberationId, rt.Id;
        """;

    private const string AttendeesSql = """
        SELECT a.DeliberationId, m.Name, m.IsNeighbourLead
        FROM DeliberationAttendee a
        JOIN Deliberation d ON d.Id = a.DeliberationId
        JOIN Member m ON m.Id = a.MemberId
        WHERE d.CommunityId = @CommunityId
        ORDER BY a.DeliberationId, m.IsNeighbourLead DESC, m.Name;
        """;

    private const string MeetingSql = """
        SELECT d.Id, d.CommunityId, d.HeldOn, d.Topic, d.NeedsRaised, d.Decisions
        FROM Deliberation d
        WHERE d.Id = @Id;
        """;

    private const string MeetingGridsSql = """
        SELECT m.GridId
        FROM DeliberationAttendee a JOIN Member m ON m.Id = a.MemberId
        WHERE a.DeliberationId = @Id
        GROUP BY m.GridId
        ORDER BY COUNT(*) DESC, m.GridId;
        """;

    // 邻长 first (the meeting is theirs), then other residents; an empty search lists from the top so the
    // picker's arrow opens a list without typing.
    private const string ParticipantsFragment = """
        SELECT m.Id, m.Name, g.Name AS Grid, m.IsNeighbourLead
        FROM Member m
        JOIN Grid g ON g.Id = m.GridId
        WHERE g.CommunityId = @CommunityId
          AND (@Q IS NULL OR m.Name LIKE @Q ESCAPE '\' OR m.Phone LIKE @Q ESCAPE '\' OR g.Name LIKE @Q ESCAPE '\')
        ORDER BY m.IsNeighbourLead DESC, g.Name, m.Name, m.Id

        """;

    private const string ParticipantsSqlServer = ParticipantsFragment + "OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string ParticipantsSqlite = ParticipantsFragment + "LIMIT @Take;";

    /// <summary>How many residents the participant picker lists at once: every 邻长 of a community and then some.</summary>
    public const int ParticipantListSize = 40;

    /// <summary>A community's meetings, newest first.</summary>
    public async Task<IReadOnlyList<MeetingRow>> ListAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<MeetingRow>(new CommandDefinition(ListSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    /// <summary>The tasks every meeting of a community became, for the links under each meeting.</summary>
    public async Task<IReadOnlyList<MeetingTask>> TasksAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<MeetingTask>(new CommandDefinition(TasksSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    /// <summary>Who came to each meeting of a community, 邻长 first.</summary>
    public async Task<IReadOnlyList<MeetingAttendee>> AttendeesAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<MeetingAttendee>(new CommandDefinition(AttendeesSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// Residents of a community to list at a meeting, 邻长 first, matching <paramref name="text"/> in name, phone or grid
    /// (everyone, from the top, when it is empty).
    /// </summary>
    public async Task<IReadOnlyList<Participant>> ParticipantsAsync(int communityId, string? text, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var sql = db.IsSqlite ? ParticipantsSqlite : ParticipantsSqlServer;
        var args = new { CommunityId = communityId, Q = SearchText.Contains(text), Take = ParticipantListSize };
        return (await conn.QueryAsync<Participant>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// The meeting <paramref name="deliberationId"/> of <paramref name="communityId"/>. An id that names no meeting, or
    /// one of another community, is refused and audited: a link is never answered with a different meeting.
    /// </summary>
    public async Task<MeetingChoice> MeetingAsync(Actor actor, int communityId, int deliberationId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var args = new { Id = deliberationId };
        var meeting = await conn.QuerySingleOrDefaultAsync<MeetingDetail>(new CommandDefinition(MeetingSql, args, cancellationToken: ct));
        if (meeting is null || meeting.CommunityId != communityId)
        {
            var refusal = await Journal.DeniedAsync(db, actor, clock.Now, "Deliberation.Read", "Deliberation", deliberationId,
                new { communityId }, ct, MeetingChoice.NotFound);
            return new MeetingChoice(null, refusal.Message);
        }
        var grids = await conn.QueryAsync<int>(new CommandDefinition(MeetingGridsSql, args, cancellationToken: ct));
        return new MeetingChoice(meeting with { GridId = grids.Select(g => (int?)g).FirstOrDefault() }, null);
    }
}
