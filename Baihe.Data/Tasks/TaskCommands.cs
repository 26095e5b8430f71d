using System.Data.Common;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Dapper;

namespace Baihe.Data.Tasks;

/// <summary>
/// The 民呼我应 closed loop: 收集信息 (intake) → 发现问题 (triage) → 分办任务 (assign) → 反馈结果 (resolution) →
/// 办结 (the resident confirms; dissatisfied or not fixed reopens the task). Every change is a history row, an
/// audit row and a bump of the Tasks change version, in one transaction; stages only move in order.
/// </summary>
public sealed class TaskCommands(DbConnectionFactory db, BaiheClock clock, TaskDueHours dueHours)
{
    private const string GridCommunitySql = "SELECT CommunityId FROM Grid WHERE Id = @GridId;";

    private const string ResidentCommunitySql = "SELECT g.CommunityId FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE m.Id = @MemberId;";

    private const string LeadCommunitySql = "SELECT CommunityId FROM Team WHERE Id = @TeamId;";

    private const string DeliberationCommunitySql = "SELECT CommunityId FROM Deliberation WHERE Id = @DeliberationId;";

    private const string DuplicateSql = """
        SELECT MIN(rt.Id) FROM ResidentTask rt
        WHERE rt.GridId = @GridId AND rt.Stage <> 'Closed'
          AND (rt.Title = @Title OR (@ResidentId IS NOT NULL AND rt.ResidentId = @ResidentId AND rt.Category = @Category));
        """;

    private const string InsertTaskSql = """
        INSERT INTO ResidentTask (GridId, ResidentId, Title, Description, Category, Source, Stage, DeliberationId, CollectedAt, PhotoPath, CreatedByUserId)
        VALUES (@GridId, @ResidentId, @Title, @Description, @Category, @Source, 'Collected', @DeliberationId, @CollectedAt, @PhotoPath, @CreatedByUserId);
        """;

    private const string InsertHistorySql = """
        INSERT INTO TaskStageHistory (TaskId, FromStage, ToStage, ChangedAt, ChangedByUserId, Note)
        VALUES (@TaskId, @FromStage, @ToStage, @ChangedAt, @ChangedByUserId, @Note);
        """;

    private const string TaskSql = """
        SELECT rt.Id, g.CommunityId, rt.Stage, rt.Urgency, rt.DueAt, rt.AssignedTeamId, CAST(rt.RowVersion AS BIGINT) AS RowVersion
        FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
        WHERE rt.Id = @TaskId;
        """;

    private const string TriageSql = """
        UPDATE ResidentTask SET Stage = 'Identified', Urgency = @Urgency, Category = @Category, DueAt = @DueAt
        WHERE Id = @Id AND Stage = 'Collected' AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string TeamCommunitySql = "SELECT CommunityId FROM Team WHERE Id = @TeamId;";

    private const string AssignSql = """
        UPDATE ResidentTask SET Stage = 'Assigned', AssignedTeamId = @TeamId, DueAt = @DueAt
        WHERE Id = @Id AND Stage = 'Identified' AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string ClearAssigneesSql = "DELETE FROM TaskAssignee WHERE TaskId = @TaskId;";

    private const string InsertAssigneeSql = "INSERT INTO TaskAssignee (TaskId, MemberId) VALUES (@TaskId, @MemberId);";

    private const string ResolveSql = """
        UPDATE ResidentTask SET Stage = 'Resolved', Resolution = @Resolution
        WHERE Id = @Id AND Stage = 'Assigned' AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string CloseSql = """
        UPDATE ResidentTask SET Stage = 'Closed', Satisfaction = @Satisfaction, ClosedAt = @ClosedAt
        WHERE Id = @Id AND Stage = 'Resolved' AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string ReopenSql = """
        UPDATE ResidentTask SET Stage = 'Assigned', Satisfaction = NULL
        WHERE Id = @Id AND Stage = 'Resolved' AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string RuleSql = "SELECT Id, Points FROM PointRule WHERE Code = 'PerService' AND IsActive = 1;";

    private const string AlreadyCreditedSql = "SELECT COUNT(*) FROM PointEntry WHERE TaskId = @TaskId AND MemberId = @MemberId AND Source = 'Task';";

    private const string InsertCreditSql = """
        INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RuleId, TaskId, RecordedByUserId, RecordedAt, Note)
        VALUES (@MemberId, @CategoryId, @Points, @OccurredOn, 'Task', @RuleId, @TaskId, @RecordedByUserId, @RecordedAt, @Note);
        """;

    /// <summary>收集信息: records a resident's call. A likely duplicate of an open task is warned about first.</summary>
    public async Task<CommandResult> IntakeAsync(Actor actor, IntakeRequest request, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var community = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(GridCommunitySql, new { request.GridId }, tx, cancellationToken: ct));
        if (community is null)
        {
            return CommandResult.Fail("请选择所在网格。");
        }
        if (!await CanIntakeAsync(conn, tx, actor, community.Value, ct))
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Task.Intake", "Grid", request.GridId, request, ct);
        }
        var title = (request.Title ?? "").Trim();
        var description = (request.Description ?? "").Trim();
        if (description.Length == 0)
        {
            return CommandResult.Fail("请填写诉求内容。");
        }
        if (description.Length > 1000 || description.Any(c => char.IsControl(c) && c is not '\n' and not '\r'))
        {
            return CommandResult.Fail("诉求内容不超过 1000 字，且不能包含控制字符。");
        }
        if (title.Length == 0)
        {
            title = description.Length <= 20 ? description : description[..20];
        }
        if (title.Length > 100 || title.Any(char.IsControl))
        {
            return CommandResult.Fail("标题不超过 100 字。");
        }
        if (!TaskCodes.Categories.Contains(request.Category ?? ""))
        {
            return CommandResult.Fail("请选择诉求类别。");
        }
        if (!TaskCodes.Sources.Contains(request.Source))
        {
            return CommandResult.Fail("请选择诉求来源。");
        }
        if (request.ResidentId is int resident
            && await conn.ExecuteScalarAsync<int?>(new CommandDefinition(ResidentCommunitySql, new { MemberId = resident }, tx, cancellationToken: ct)) != community)
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Task.Intake", "Member", resident, request, ct);
        }
        if (request.DeliberationId is int meeting
            && await conn.ExecuteScalarAsync<int?>(new CommandDefinition(DeliberationCommunitySql, new { DeliberationId = meeting }, tx, cancellationToken: ct)) != community)
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Task.Intake", "Deliberation", meeting, request, ct);
        }
        if (!request.ConfirmDuplicate)
        {
            var duplicate = await conn.ExecuteScalarAsync<int?>(new CommandDefinition(DuplicateSql,
                new { request.GridId, Title = title, request.ResidentId, request.Category }, tx, cancellationToken: ct));
            if (duplicate is int duplicateId)
            {
                return CommandResult.Warn($"同一网格已有未办结的相似诉求（编号 {duplicateId}），可能重复。", duplicateId);
            }
        }
        var id = await SqlIdentity.InsertAsync(conn, tx, db.IsSqlite, InsertTaskSql, new
        {
            request.GridId, request.ResidentId, Title = title, Description = description, request.Category, request.Source,
            request.DeliberationId, CollectedAt = now, request.PhotoPath, CreatedByUserId = LedgerCommands.UserId(actor),
        }, ct);
        await HistoryAsync(conn, tx, actor, id, null, TaskCodes.Collected, now, null, ct);
        await FinishAsync(conn, tx, actor, now, "Task.Intake", id, null, new { Title = title, request.Category, request.Source }, ct);
        return CommandResult.Success(id);
    }

    /// <summary>发现问题: sets urgency and category; the urgency sets the due time.</summary>
    public async Task<CommandResult> TriageAsync(Actor actor, int taskId, string urgency, string category, long rowVersion, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var task = await SecretaryTaskAsync(conn, tx, actor, taskId, "Task.Triage", ct);
        if (task is null)
        {
            return CommandResult.Fail("找不到这件诉求。");
        }
        if (task.Stage != TaskCodes.Collected)
        {
            return CommandResult.Fail("只有“收集信息”阶段的诉求可以研判。");
        }
        if (!TaskCodes.Urgencies.Contains(urgency))
        {
            return CommandResult.Fail("请选择紧急程度。");
        }
        if (!TaskCodes.Categories.Contains(category))
        {
            return CommandResult.Fail("请选择诉求类别。");
        }
        var due = now + dueHours.For(urgency);
        if (await conn.ExecuteAsync(new CommandDefinition(TriageSql, new { Urgency = urgency, Category = category, DueAt = due, task.Id, RowVersion = rowVersion }, tx, cancellationToken: ct)) == 0)
        {
            return CommandResult.Stale();
        }
        await HistoryAsync(conn, tx, actor, taskId, TaskCodes.Collected, TaskCodes.Identified, now, null, ct);
        await FinishAsync(conn, tx, actor, now, "Task.Triage", taskId, null, new { urgency, category, DueAt = due }, ct);
        return CommandResult.Success(taskId);
    }

    /// <summary>分办任务: to a team and/or named residents, with a due time (the triage's unless given).</summary>
    public async Task<CommandResult> AssignAsync(Actor actor, int taskId, int? teamId, IReadOnlyCollection<int> memberIds, DateTime? dueAt, long rowVersion, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var task = await SecretaryTaskAsync(conn, tx, actor, taskId, "Task.Assign", ct);
        if (task is null)
        {
            return CommandResult.Fail("找不到这件诉求。");
        }
        if (task.Stage != TaskCodes.Identified)
        {
            return CommandResult.Fail(task.Stage == TaskCodes.Collected ? "请先研判（发现问题），再分办任务。" : "这件诉求已经分办。");
        }
        if (teamId is null && memberIds.Count == 0)
        {
            return CommandResult.Fail("请指定承办队伍或承办人。");
        }
        if (teamId is int team && await conn.ExecuteScalarAsync<int?>(new CommandDefinition(TeamCommunitySql, new { TeamId = team }, tx, cancellationToken: ct)) != task.CommunityId)
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Task.Assign", "Team", team, null, ct);
        }
        foreach (var member in memberIds.Distinct())
        {
            if (await conn.ExecuteScalarAsync<int?>(new CommandDefinition(ResidentCommunitySql, new { MemberId = member }, tx, cancellationToken: ct)) != task.CommunityId)
            {
                throw await Journal.DeniedAsync(conn, tx, actor, now, "Task.Assign", "Member", member, null, ct);
            }
        }
        var due = dueAt ?? task.DueAt ?? now + dueHours.For(task.Urgency ?? "Normal");
        if (due < now)
        {
            return CommandResult.Fail("办理期限不能早于现在。");
        }
        if (await conn.ExecuteAsync(new CommandDefinition(AssignSql, new { TeamId = teamId, DueAt = due, task.Id, RowVersion = rowVersion }, tx, cancellationToken: ct)) == 0)
        {
            return CommandResult.Stale();
        }
        await conn.ExecuteAsync(new CommandDefinition(ClearAssigneesSql, new { TaskId = taskId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(InsertAssigneeSql, memberIds.Distinct().Select(m => new { TaskId = taskId, MemberId = m }), tx, cancellationToken: ct));
        await HistoryAsync(conn, tx, actor, taskId, TaskCodes.Identified, TaskCodes.Assigned, now, null, ct);
        await FinishAsync(conn, tx, actor, now, "Task.Assign", taskId, null, new { teamId, Members = memberIds, DueAt = due }, ct);
        return CommandResult.Success(taskId);
    }

    /// <summary>反馈结果: records what was done. The secretary or the lead of the assigned team may report it.</summary>
    public async Task<CommandResult> ResolveAsync(Actor actor, int taskId, string? resolution, long rowVersion, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var task = await conn.QuerySingleOrDefaultAsync<TaskRowScope>(new CommandDefinition(TaskSql, new { TaskId = taskId }, tx, cancellationToken: ct));
        if (task is null)
        {
            return CommandResult.Fail("找不到这件诉求。");
        }
        if (!actor.IsSecretaryOf(task.CommunityId) && !(task.AssignedTeamId is int team && actor.IsLeadOf(team)))
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Task.Resolve", "ResidentTask", taskId, new { resolution }, ct);
        }
        if (task.Stage != TaskCodes.Assigned)
        {
            return CommandResult.Fail(task.Stage is TaskCodes.Collected or TaskCodes.Identified ? "任务尚未分办，不能反馈结果。" : "这件诉求已经反馈过结果。");
        }
        var text = (resolution ?? "").Trim();
        if (text.Length is 0 or > 1000)
        {
            return CommandResult.Fail("请填写办理结果（不超过 1000 字）。");
        }
        if (await conn.ExecuteAsync(new CommandDefinition(ResolveSql, new { Resolution = text, task.Id, RowVersion = rowVersion }, tx, cancellationToken: ct)) == 0)
        {
            return CommandResult.Stale();
        }
        await HistoryAsync(conn, tx, actor, taskId, TaskCodes.Assigned, TaskCodes.Resolved, now, text.Length <= 200 ? text : text[..200], ct);
        await FinishAsync(conn, tx, actor, now, "Task.Resolve", taskId, null, new { Resolution = text }, ct);
        return CommandResult.Success(taskId);
    }

    /// <summary>
    /// The resident's confirmation. Fixed and 满意/基本满意 closes the task (办结); not fixed or 不满意 reopens it to
    /// 分办任务, so "closed, not fixed" never counts as done.
    /// </summary>
    public async Task<CommandResult> ConfirmAsync(Actor actor, int taskId, bool fixedByResident, string satisfaction, string? note, long rowVersion, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var task = await SecretaryTaskAsync(conn, tx, actor, taskId, "Task.Confirm", ct);
        if (task is null)
        {
            return CommandResult.Fail("找不到这件诉求。");
        }
        if (task.Stage != TaskCodes.Resolved)
        {
            return CommandResult.Fail("只有已反馈结果的诉求才能回访确认。");
        }
        if (!TaskCodes.Satisfactions.Contains(satisfaction))
        {
            return CommandResult.Fail("请选择居民满意度。");
        }
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var close = fixedByResident && satisfaction != "Dissatisfied";
        var changed = close
            ? await conn.ExecuteAsync(new CommandDefinition(CloseSql, new { Satisfaction = satisfaction, ClosedAt = now, task.Id, RowVersion = rowVersion }, tx, cancellationToken: ct))
            : await conn.ExecuteAsync(new CommandDefinition(ReopenSql, new { task.Id, RowVersion = rowVersion }, tx, cancellationToken: ct));
        if (changed == 0)
        {
            return CommandResult.Stale();
        }
        var why = close ? text : $"重新分办：{(fixedByResident ? "居民不满意" : "问题未解决")}{(text is null ? "" : "；" + text)}";
        await HistoryAsync(conn, tx, actor, taskId, TaskCodes.Resolved, close ? TaskCodes.Closed : TaskCodes.Assigned, now, why, ct);
        await FinishAsync(conn, tx, actor, now, close ? "Task.Close" : "Task.Reopen", taskId, null, new { fixedByResident, satisfaction }, ct);
        return CommandResult.Success(taskId);
    }

    /// <summary>
    /// Credits the volunteers who did the work, in one step, once each: 邻里互助 by default, at the points of the
    /// active 一次一积分 rule. Returns how many were newly credited in <see cref="CommandResult.Id"/>.
    /// </summary>
    public async Task<CommandResult> CreditAsync(Actor actor, int taskId, IReadOnlyCollection<int> memberIds, int categoryId = 3, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var task = await SecretaryTaskAsync(conn, tx, actor, taskId, "Task.Credit", ct);
        if (task is null)
        {
            return CommandResult.Fail("找不到这件诉求。");
        }
        if (task.Stage != TaskCodes.Closed)
        {
            return CommandResult.Fail("诉求办结后才能为志愿者记分。");
        }
        if (memberIds.Count == 0)
        {
            return CommandResult.Fail("请选择要记分的志愿者。");
        }
        var rule = await conn.QuerySingleOrDefaultAsync<RuleRow>(new CommandDefinition(RuleSql, transaction: tx, cancellationToken: ct));
        if (rule is null)
        {
            return CommandResult.Fail("积分规则“一次一积分”未启用，暂不能记分。");
        }
        var credited = 0;
        foreach (var member in memberIds.Distinct())
        {
            if (await conn.ExecuteScalarAsync<int?>(new CommandDefinition(ResidentCommunitySql, new { MemberId = member }, tx, cancellationToken: ct)) != task.CommunityId)
            {
                throw await Journal.DeniedAsync(conn, tx, actor, now, "Task.Credit", "Member", member, null, ct);
            }
            if (await conn.ExecuteScalarAsync<int>(new CommandDefinition(AlreadyCreditedSql, new { TaskId = taskId, MemberId = member }, tx, cancellationToken: ct)) > 0)
            {
                continue;
            }
            await conn.ExecuteAsync(new CommandDefinition(InsertCreditSql, new
            {
                MemberId = member, CategoryId = categoryId, rule.Points, OccurredOn = now.Date, RuleId = rule.Id, TaskId = taskId,
                RecordedByUserId = LedgerCommands.UserId(actor), RecordedAt = now, Note = $"民呼我应 #{taskId}",
            }, tx, cancellationToken: ct));
            credited++;
        }
        await Journal.AuditAsync(conn, tx, actor, now, "Task.Credit", "ResidentTask", taskId, null, new { Members = memberIds, Credited = credited }, ct);
        if (credited > 0)
        {
            await Journal.BumpAsync(conn, tx, "Points", now, ct);
        }
        await tx.CommitAsync(ct);
        return CommandResult.Success(credited);
    }

    private async Task<bool> CanIntakeAsync(DbConnection conn, DbTransaction tx, Actor actor, int communityId, CancellationToken ct) =>
        actor.IsSecretaryOf(communityId)
        || (actor.Role == Roles.Lead && actor.TeamId is int team
            && await conn.ExecuteScalarAsync<int?>(new CommandDefinition(LeadCommunitySql, new { TeamId = team }, tx, cancellationToken: ct)) == communityId);

    private async Task<TaskRowScope?> SecretaryTaskAsync(DbConnection conn, DbTransaction tx, Actor actor, int taskId, string action, CancellationToken ct)
    {
        var task = await conn.QuerySingleOrDefaultAsync<TaskRowScope>(new CommandDefinition(TaskSql, new { TaskId = taskId }, tx, cancellationToken: ct));
        if (task is not null && !actor.IsSecretaryOf(task.CommunityId))
        {
            throw await Journal.DeniedAsync(conn, tx, actor, clock.Now, action, "ResidentTask", taskId, null, ct);
        }
        return task;
    }

    private static Task HistoryAsync(DbConnection conn, DbTransaction tx, Actor actor, int taskId, string? from, string to, DateTime now, string? note, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(InsertHistorySql, new
        {
            TaskId = taskId, FromStage = from, ToStage = to, ChangedAt = now, ChangedByUserId = LedgerCommands.UserId(actor), Note = note,
        }, tx, cancellationToken: ct));

    private static async Task FinishAsync(DbConnection conn, DbTransaction tx, Actor actor, DateTime now, string action, int taskId, object? before, object after, CancellationToken ct)
    {
        await Journal.AuditAsync(conn, tx, actor, now, action, "ResidentTask", taskId, before, after, ct);
        await Journal.BumpAsync(conn, tx, "Tasks", now, ct);
        await tx.CommitAsync(ct);
    }

    private sealed record TaskRowScope
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
        public string Stage { get; init; } = "";
        public string? Urgency { get; init; }
        public DateTime? DueAt { get; init; }
        public int? AssignedTeamId { get; init; }
        public long RowVersion { get; init; }
    }

    private sealed record RuleRow
    {
        public int Id { get; init; }
        public int Points { get; init; }
    }
}
