using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Dapper;

namespace Baihe.Data.Tasks;

/// <summary>
/// Finds open tasks due for 催办 or 督办 and records each escalation once: a row in <c>TaskEscalation</c> (shown on
/// the task's timeline), the notifications, an audit row and a bump of Tasks, in one transaction per task.
/// Only 研判 and 分办 stages are escalated: before 研判 a task has no due time, and after 反馈结果 the handlers' part is
/// done. The stage's window starts when the task entered it (its latest timeline row), so a task that moves on starts
/// a new window, and a reopened task can be escalated again.
/// </summary>
/// <remarks>
/// Once only, across restarts and servers: <c>UX_TaskEscalation_Entry (TaskId, StageEntryId, Kind)</c>. The insert
/// itself is conditional (nothing when the row exists), so a second scan affects no row and writes nothing; two
/// servers inserting at the same instant on SQL Server collide on the unique index, and the loser rolls back its whole
/// transaction, notifications included. So no lease is needed: a second server scanning costs one read.
/// A task found already past its due time gets only 督办: a reminder to hurry after the deadline says nothing more.
/// </remarks>
public sealed class EscalationScanner(DbConnectionFactory db, BaiheClock clock, TaskEscalationOptions options, EmailOutbox? email = null)
{
    /// <summary>Who the escalations' audit rows name.</summary>
    public static readonly Actor System = new(0, "系统督办", Roles.Admin, null, null, null);

    private const string CandidatesSql = """
        SELECT rt.Id AS TaskId, rt.Title, rt.Stage, rt.DueAt, rt.AssignedTeamId AS TeamId, g.CommunityId,
               h.Id AS StageEntryId, h.ChangedAt AS EnteredAt,
               (SELECT COUNT(*) FROM TaskEscalation r WHERE r.TaskId = rt.Id AND r.StageEntryId = h.Id AND r.Kind = 'Remind') AS Reminded
        FROM ResidentTask rt
        JOIN Grid g ON g.Id = rt.GridId
        JOIN TaskStageHistory h ON h.Id = (SELECT MAX(x.Id) FROM TaskStageHistory x WHERE x.TaskId = rt.Id)
        WHERE rt.Stage IN ('Identified', 'Assigned') AND rt.DueAt IS NOT NULL AND h.ToStage = rt.Stage
          AND NOT EXISTS (SELECT 1 FROM TaskEscalation s WHERE s.TaskId = rt.Id AND s.StageEntryId = h.Id AND s.Kind = 'Supervise');
        """;

    // Still in the same stage entry (the task may have moved since the scan read it), and not yet escalated this way.
    private const string InsertSql = """
        INSERT INTO TaskEscalation (TaskId, StageEntryId, Stage, Kind, DueAt, EscalatedAt)
        SELECT rt.Id, @StageEntryId, rt.Stage, @Kind, rt.DueAt, @Now
        FROM ResidentTask rt
        WHERE rt.Id = @TaskId AND rt.Stage = @Stage AND rt.DueAt IS NOT NULL
          AND @StageEntryId = (SELECT MAX(x.Id) FROM TaskStageHistory x WHERE x.TaskId = rt.Id)
          AND NOT EXISTS (SELECT 1 FROM TaskEscalation e WHERE e.TaskId = rt.Id AND e.StageEntryId = @StageEntryId AND e.Kind = @Kind);
        """;

    /// <summary>Looks at every open task once and records the escalations now due; returns how many it recorded.</summary>
    public async Task<int> ScanAsync(CancellationToken ct = default)
    {
        var now = clock.Now;
        IReadOnlyList<Candidate> candidates;
        await using (var conn = await db.OpenAsync(ct))
        {
            candidates = (await conn.QueryAsync<Candidate>(new CommandDefinition(CandidatesSql, cancellationToken: ct))).AsList();
        }
        var recorded = 0;
        foreach (var c in candidates)
        {
            var kind = now >= c.DueAt ? EscalationKinds.Supervise
                : c.Reminded == 0 && now >= options.RemindAt(c.EnteredAt, c.DueAt) ? EscalationKinds.Remind
                : null;
            if (kind is not null && await RecordAsync(c, kind, ct))
            {
                recorded++;
            }
        }
        return recorded;
    }

    private async Task<bool> RecordAsync(Candidate c, string kind, CancellationToken ct)
    {
        var result = await WriteTransaction.RunAsync(db, clock, System, "Tasks", async w =>
        {
            int inserted;
            try
            {
                inserted = await w.ExecuteAsync(InsertSql, new { c.TaskId, c.StageEntryId, c.Stage, Kind = kind, w.Now });
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                // Another server recorded the same escalation a moment ago.
                return CommandResult.Fail("already escalated");
            }
            if (inserted == 0)
            {
                return CommandResult.Fail("already escalated or moved on");
            }
            await NotificationWriter.TaskEscalatedAsync(w, kind == EscalationKinds.Remind ? NotificationKinds.TaskRemind : NotificationKinds.TaskSupervise,
                c.TaskId, c.Title, c.CommunityId, c.TeamId, c.DueAt, email);
            w.Audit(kind == EscalationKinds.Remind ? "Task.Remind" : "Task.Supervise", "ResidentTask", c.TaskId, null,
                new { c.Stage, c.StageEntryId, c.DueAt, Share = options.RemindShare });
            return CommandResult.Success(c.TaskId);
        }, ct);
        return result.Ok;
    }

    private sealed record Candidate
    {
        public int TaskId { get; init; }
        public string Title { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateTime DueAt { get; init; }
        public int? TeamId { get; init; }
        public int CommunityId { get; init; }
        public int StageEntryId { get; init; }
        public DateTime EnteredAt { get; init; }
        public int Reminded { get; init; }
    }
}
