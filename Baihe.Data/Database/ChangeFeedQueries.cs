using Dapper;

namespace Baihe.Data.Database;

/// <summary>Reads the change versions: one small query a second per server, whatever the number of open pages.</summary>
public sealed class ChangeFeedQueries(DbConnectionFactory db)
{
    private const string VersionsSql = "SELECT Area, Version FROM ChangeVersion;";

    public async Task<IReadOnlyDictionary<string, long>> VersionsAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<AreaVersion>(new CommandDefinition(VersionsSql, cancellationToken: ct));
        return rows.ToDictionary(r => r.Area, r => r.Version);
    }
}
