using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Deliberations;

/// <summary>Reads 邻合百姓事 meetings.</summary>
public sealed class DeliberationQueries(DbConnectionFactory db)
{
    private const string ListSql = """
        SELECT d.Id, d.HeldOn, d.Topic, d.NeedsRaised, d.Decisions,
               (SELECT COUNT(*) FROM DeliberationAttendee a WHERE a.DeliberationId = d.Id) AS Attendees,
               (SELECT COUNT(*) FROM ResidentTask rt WHERE rt.DeliberationId = d.Id) AS Tasks
        FROM Deliberation d
        WHERE d.CommunityId = @CommunityId
        ORDER BY d.HeldOn DESC, d.Id DESC;
        """;

    public async Task<IReadOnlyList<MeetingRow>> ListAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<MeetingRow>(new CommandDefinition(ListSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }
}
