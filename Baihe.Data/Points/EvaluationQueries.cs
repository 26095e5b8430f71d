using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Points;

/// <summary>Reads evaluations and their snapshotted shortlists.</summary>
public sealed class EvaluationQueries(DbConnectionFactory db)
{
    private const string SelectFragment = """
        SELECT e.Id, e.CommunityId, e.Year, e.Half, pc.Name AS Area, e.ShortlistSize, e.Status, e.PublicityEndsOn, e.ArchivedAt,
               (SELECT COUNT(*) FROM EvaluationResult r WHERE r.EvaluationId = e.Id AND r.IsWinner = 1) AS Winners
        FROM Evaluation e
        LEFT JOIN PointCategory pc ON pc.Id = e.CategoryId
        """;

    private const string ListSql = SelectFragment + "\nWHERE e.CommunityId = @CommunityId\nORDER BY e.Year DESC, e.Half DESC, e.Id DESC;";

    private const string OneSql = SelectFragment + "\nWHERE e.Id = @EvaluationId;";

    private const string ResultsSql = """
        SELECT r.MemberId, m.Name, r.Rank, r.Points, r.IsWinner
        FROM EvaluationResult r JOIN Member m ON m.Id = r.MemberId
        WHERE r.EvaluationId = @EvaluationId
        ORDER BY r.Rank, m.Name, m.Id;
        """;

    // The evaluation keeps only when its 公示 ends; when it began is the audit row of the publication.
    private const string PublicisedOnSql = """
        SELECT MIN(a.OccurredAt)
        FROM AuditLog a
        WHERE a.Action = 'Evaluation.Publicise' AND a.EntityType = 'Evaluation' AND a.EntityId = @EntityId;
        """;

    /// <summary>When the evaluation was put up for 公示 (the day its period began), or null if it never was.</summary>
    public async Task<DateTime?> PublicisedOnAsync(int evaluationId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition(PublicisedOnSql,
            new { EntityId = evaluationId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<EvaluationRow>> ListAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<EvaluationRow>(new CommandDefinition(ListSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    public async Task<(EvaluationRow Evaluation, IReadOnlyList<EvaluationResultRow> Results)?> DetailAsync(int evaluationId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var e = await conn.QuerySingleOrDefaultAsync<EvaluationRow>(new CommandDefinition(OneSql, new { EvaluationId = evaluationId }, cancellationToken: ct));
        if (e is null)
        {
            return null;
        }
        var results = await conn.QueryAsync<EvaluationResultRow>(new CommandDefinition(ResultsSql, new { EvaluationId = evaluationId }, cancellationToken: ct));
        return (e, results.AsList());
    }
}
