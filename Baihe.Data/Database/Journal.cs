using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using Baihe.Data.Accounts;
using Dapper;

namespace Baihe.Data.Database;

/// <summary>
/// What every write transaction records besides its own rows: an audit row (who, when, what, before, after)
/// and a bump of its area's change version, both inside the caller's transaction.
/// </summary>
public static class Journal
{
    // CommunityId is the community the row is about, so the audit viewer can show a secretary or an official their
    // own rows: the named record's community where the record exists and says one, else the actor's own community.
    private const string InsertAuditSql = """
        INSERT INTO AuditLog (OccurredAt, UserId, UserName, Action, EntityType, EntityId, BeforeJson, AfterJson, CommunityId, SubDistrictId)
        SELECT @OccurredAt, @UserId, @UserName, @Action, @EntityType, @EntityId, @BeforeJson, @AfterJson,
            x.CommunityId, (SELECT c.SubDistrictId FROM Community c WHERE c.Id = x.CommunityId)
        FROM (SELECT COALESCE(CASE @EntityType
                WHEN 'Community' THEN (SELECT c.Id FROM Community c WHERE c.Id = @EntityNo)
                WHEN 'Team' THEN (SELECT t.CommunityId FROM Team t WHERE t.Id = @EntityNo)
                WHEN 'Grid' THEN (SELECT g.CommunityId FROM Grid g WHERE g.Id = @EntityNo)
                WHEN 'Member' THEN (SELECT g.CommunityId FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE m.Id = @EntityNo)
                WHEN 'Membership' THEN (SELECT t.CommunityId FROM Membership s JOIN Team t ON t.Id = s.TeamId WHERE s.Id = @EntityNo)
                WHEN 'Activity' THEN (SELECT t.CommunityId FROM Activity a JOIN Team t ON t.Id = a.TeamId WHERE a.Id = @EntityNo)
                WHEN 'ResidentTask' THEN (SELECT g.CommunityId FROM ResidentTask r JOIN Grid g ON g.Id = r.GridId WHERE r.Id = @EntityNo)
                WHEN 'MicroWish' THEN (SELECT g.CommunityId FROM MicroWish w JOIN Grid g ON g.Id = w.GridId WHERE w.Id = @EntityNo)
                WHEN 'Redemption' THEN (SELECT g.CommunityId FROM Redemption x JOIN Member m ON m.Id = x.MemberId JOIN Grid g ON g.Id = m.GridId WHERE x.Id = @EntityNo)
                WHEN 'PointEntry' THEN (SELECT g.CommunityId FROM PointEntry x JOIN Member m ON m.Id = x.MemberId JOIN Grid g ON g.Id = m.GridId WHERE x.Id = @EntityNo)
                WHEN 'Evaluation' THEN (SELECT e.CommunityId FROM Evaluation e WHERE e.Id = @EntityNo)
                WHEN 'Deliberation' THEN (SELECT d.CommunityId FROM Deliberation d WHERE d.Id = @EntityNo)
                WHEN 'ServiceCertificate' THEN (SELECT s.CommunityId FROM ServiceCertificate s WHERE s.Id = @EntityNo)
                ELSE NULL END,
                (SELECT c.Id FROM Community c WHERE c.Id = @ActorCommunityId)) AS CommunityId) x;
        """;

    private const string BumpChangeVersionSql = """
        UPDATE ChangeVersion SET Version = Version + 1, ChangedAt = @ChangedAt WHERE Area = @Area;
        """;

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one audit row in the transaction.</summary>
    public static Task AuditAsync(DbConnection conn, DbTransaction? tx, Actor actor, DateTime now, string action, string entityType,
        object? entityId, object? before, object? after, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition(InsertAuditSql, new
        {
            OccurredAt = now,
            UserId = actor.UserId > 0 ? actor.UserId : (int?)null,
            actor.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            EntityNo = entityId is not null && long.TryParse(entityId.ToString(), out var no) && no is > 0 and <= int.MaxValue ? (int?)no : null,
            ActorCommunityId = actor.CommunityId,
            BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
            AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
        }, tx, cancellationToken: ct));

    /// <summary>Marks an area (Roster, Points, Tasks, Wishes) as changed, for every server polling the feed.</summary>
    public static Task BumpAsync(DbConnection conn, DbTransaction tx, string area, DateTime now, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition(BumpChangeVersionSql, new { Area = area, ChangedAt = now }, tx, cancellationToken: ct));

    /// <summary>
    /// Records a refused write inside the command's own transaction and commits it: a refusal comes before the
    /// command writes anything, so the audit row is all that transaction holds. Returns the exception to throw, with
    /// <paramref name="message"/> (default: <see cref="AccessDeniedException.DefaultMessage"/>).
    /// </summary>
    public static async Task<AccessDeniedException> DeniedAsync(DbConnection conn, DbTransaction tx, Actor actor, DateTime now, string action,
        string entityType, object? entityId, object? attempted, CancellationToken ct = default, string? message = null)
    {
        await AuditAsync(conn, tx, actor, now, "Denied:" + action, entityType, entityId, null, attempted, ct);
        await tx.CommitAsync(ct);
        return new AccessDeniedException(message ?? AccessDeniedException.DefaultMessage);
    }

    /// <summary>Records a refused write that was refused before any transaction began.</summary>
    public static async Task<AccessDeniedException> DeniedAsync(DbConnectionFactory db, Actor actor, DateTime now, string action,
        string entityType, object? entityId, object? attempted, CancellationToken ct = default, string? message = null)
    {
        await using var conn = await db.OpenAsync(ct);
        await AuditAsync(conn, null, actor, now, "Denied:" + action, entityType, entityId, null, attempted, ct);
        return new AccessDeniedException(message ?? AccessDeniedException.DefaultMessage);
    }
}
