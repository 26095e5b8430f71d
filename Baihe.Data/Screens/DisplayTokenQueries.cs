using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Screens;

/// <summary>Reads display tokens: the one token check of the big screen, and the admin page's list.</summary>
public sealed class DisplayTokenQueries(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>How often at most a screen's <c>LastSeenAt</c> is written: a screen re-checks its token every few seconds.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private const string ResolveSql = """
        SELECT t.Id AS TokenId, t.SubDistrictId, s.Name AS SubDistrict, t.LastSeenAt
        FROM DisplayToken t
        JOIN SubDistrict s ON s.Id = t.SubDistrictId
        WHERE t.TokenHash = @TokenHash AND t.RevokedAt IS NULL;
        """;

    // The guard repeats the minute rule, so two servers (or two screens on one token) write it once between them.
    private const string TouchSql = """
        UPDATE DisplayToken SET LastSeenAt = @Now
        WHERE Id = @Id AND RevokedAt IS NULL AND (LastSeenAt IS NULL OR LastSeenAt <= @Before);
        """;

    private const string ListSql = """
        SELECT t.Id, t.SubDistrictId, s.Name AS SubDistrict, t.Name, COALESCE(u.DisplayName, '') AS CreatedBy,
               t.CreatedAt, t.RevokedAt, t.LastSeenAt
        FROM DisplayToken t
        JOIN SubDistrict s ON s.Id = t.SubDistrictId
        LEFT JOIN AppUser u ON u.Id = t.CreatedBy
        ORDER BY CASE WHEN t.RevokedAt IS NULL THEN 0 ELSE 1 END, t.CreatedAt DESC, t.Id DESC;
        """;

    private const string SubDistrictsSql = "SELECT Id, Name FROM SubDistrict ORDER BY Id;";

    private const string CommunitiesSql = "SELECT Id, Name FROM Community WHERE SubDistrictId = @SubDistrictId ORDER BY Id;";

    /// <summary>
    /// The sub-district a display token opens, or null when the token is malformed, unknown or revoked: the one check
    /// of the big screen, run when it opens and every few seconds after. Marks the token as seen, at most once a minute.
    /// </summary>
    public async Task<ScreenScope?> ResolveAsync(string? token, CancellationToken ct = default)
    {
        if (!DisplayTokenSecret.IsWellFormed(token))
        {
            return null;
        }
        await using var conn = await db.OpenAsync(ct);
        var found = await conn.QuerySingleOrDefaultAsync<Resolved>(new CommandDefinition(ResolveSql,
            new { TokenHash = DisplayTokenSecret.Hash(token!) }, cancellationToken: ct));
        if (found is null)
        {
            return null;
        }
        var now = clock.Now;
        var before = now - LastSeenResolution;
        if (found.LastSeenAt is not { } seen || seen <= before)
        {
            await conn.ExecuteAsync(new CommandDefinition(TouchSql, new { Id = found.TokenId, Now = now, Before = before }, cancellationToken: ct));
        }
        return new ScreenScope { TokenId = found.TokenId, SubDistrictId = found.SubDistrictId, SubDistrict = found.SubDistrict };
    }

    /// <summary>Every display token, the usable ones first, newest first.</summary>
    public async Task<IReadOnlyList<DisplayTokenRow>> ListAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<DisplayTokenRow>(new CommandDefinition(ListSql, cancellationToken: ct))).AsList();
    }

    /// <summary>Every sub-district, for choosing which one a new screen shows.</summary>
    public async Task<IReadOnlyList<SubDistrictOption>> SubDistrictsAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<SubDistrictOption>(new CommandDefinition(SubDistrictsSql, cancellationToken: ct))).AsList();
    }

    /// <summary>The communities of the sub-district a screen shows, in the order it rotates through them.</summary>
    public async Task<IReadOnlyList<ScreenCommunity>> CommunitiesAsync(ScreenScope screen, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<ScreenCommunity>(new CommandDefinition(CommunitiesSql,
            new { screen.SubDistrictId }, cancellationToken: ct))).AsList();
    }

    private sealed record Resolved
    {
        public int TokenId { get; init; }
        public int SubDistrictId { get; init; }
        public string SubDistrict { get; init; } = "";
        public DateTime? LastSeenAt { get; init; }
    }
}
