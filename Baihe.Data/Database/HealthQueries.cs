using Dapper;

namespace Baihe.Data.Database;

/// <summary>Answers whether the database is reachable and migrated.</summary>
public sealed class HealthQueries(DbConnectionFactory db)
{
    // Reading a migrated table, not just SELECT 1: an empty file recreated by SQLite is not a healthy database.
    private const string ProbeSql = "SELECT COUNT(*) FROM ChangeVersion;";

    /// <summary>Null when healthy, otherwise the reason.</summary>
    public async Task<string?> ProbeAsync(CancellationToken ct = default)
    {
        try
        {
            await using var conn = await db.OpenAsync(ct);
            await conn.ExecuteScalarAsync<int>(new CommandDefinition(ProbeSql, cancellationToken: ct));
            return null;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            return e.Message;
        }
    }
}
