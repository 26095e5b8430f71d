using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Members;

/// <summary>Reads a community's head counts; the overview, /brands and the report's 概览 share its SQL (<see cref="PeopleSql"/>).</summary>
public sealed class PeopleQueries(DbConnectionFactory db)
{
    /// <summary>The counts of <paramref name="communityId"/> as they stood at <paramref name="at"/> (now, or a report month's end).</summary>
    public async Task<PeopleCounts> CountsAsync(int communityId, DateTime at, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleAsync<PeopleCounts>(new CommandDefinition(PeopleSql.CountsSql,
            new { CommunityId = communityId, Now = at }, cancellationToken: ct));
    }

    /// <summary>The last moment of <paramref name="period"/>: the roster a month's report counts is the one at its end.</summary>
    public static DateTime EndOf(Period period) => period.To.AddTicks(-1);
}
