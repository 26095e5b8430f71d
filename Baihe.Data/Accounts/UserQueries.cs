using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Accounts;

/// <summary>Reads user accounts.</summary>
public sealed class UserQueries(DbConnectionFactory db)
{
    private const string SelectFragment = """
        SELECT u.Id, u.UserName, u.DisplayName, u.PasswordHash, u.Role, u.SubDistrictId, u.CommunityId, u.TeamId,
               COALESCE(t.Name, c.Name, s.Name) AS Scope,
               u.IsDisabled, u.IsDemo, u.FailedSignIns, u.LockedUntil, u.SecurityStamp, CAST(u.RowVersion AS BIGINT) AS RowVersion,
               u.LastSignInAt, u.LastSignInIp, u.MustChangePassword, u.Email, u.EmailNotifications
        FROM AppUser u
        LEFT JOIN Team t ON t.Id = u.TeamId
        LEFT JOIN Community c ON c.Id = u.CommunityId
        LEFT JOIN SubDistrict s ON s.Id = u.SubDistrictId
        """;

    private const string ByUserNameSql = SelectFragment + "\nWHERE u.UserName = @UserName;";

    // Internal: the benchmark runs this very text through a hand-coded reader to measure what Dapper adds.
    internal const string ByIdSql = SelectFragment + "\nWHERE u.Id = @Id;";

    private const string ListSql = SelectFragment + "\nORDER BY u.Role, u.UserName;";

    private const string AnyDemoSql = "SELECT COUNT(*) FROM AppUser WHERE IsDemo = 1 AND IsDisabled = 0;";

    /// <summary>The account with this user name (names are stored lower-case), or null.</summary>
    public async Task<UserRow?> FindByUserNameAsync(string userName, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(ByUserNameSql,
            new { UserName = userName.Trim().ToLowerInvariant() }, cancellationToken: ct));
    }

    /// <summary>The account with this id, or null.</summary>
    public async Task<UserRow?> FindByIdAsync(int id, CancellationToken ct = default)
    {
        // The id is the key, so "first" cannot hide a duplicate, and unlike "single" it asks the reader for one row and
        // does not step again to prove there is no second.
        await using var conn = await db.OpenAsync(ct);
        return await conn.QueryFirstOrDefaultAsync<UserRow>(new CommandDefinition(ByIdSql, new { Id = id }, cancellationToken: ct));
    }

    // Internal: the benchmark runs this very text through a hand-coded reader to measure what Dapper adds.
    internal const string StampSql = "SELECT IsDisabled, SecurityStamp FROM AppUser WHERE Id = @Id;";

    /// <summary>
    /// What revalidating a sign-in needs, and no more: every request and every open circuit (each minute) repeats this
    /// read, so it touches one row of one table and maps two columns (Baihe.Bench measures it against a hand-coded reader).
    /// </summary>
    public async Task<UserStamp?> StampAsync(int id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QueryFirstOrDefaultAsync<UserStamp>(new CommandDefinition(StampSql, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>Every account, for the admin page.</summary>
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<UserRow>(new CommandDefinition(ListSql, cancellationToken: ct))).AsList();
    }

    /// <summary>True while any enabled demo account exists: the UI then shows the 演示模式 banner.</summary>
    public async Task<bool> AnyDemoAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(AnyDemoSql, cancellationToken: ct)) > 0;
    }
}
