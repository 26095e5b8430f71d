using Baihe.Data.Summaries;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Data.Points;

namespace Baihe.Data.Tasks;

/// <summary>
/// The 民呼我应 closed loop: 收集信息 (intake) → 发现问题 (triage) → 分办任务 (assign) → 反馈结果 (resolution) →
/// 办结 (the resident confirms; dissatisfied or not fixed reopens the task). Every change is a history row, an
/// audit row and a bump of the Tasks change version, in one transaction; stages only move in order. Who may take each
/// step is answered by <see cref="TaskRules"/>; an id that does not exist or lies in another community is refused.
/// </summary>
public sealed class TaskCommands(DbConnectionFactory db, BaiheClock clock, TaskDueHours dueHours, EmailOutbox? email = null)
{
    private const string GridCommunitySql = "SELECT CommunityId FROM Grid WHERE Id = @GridId;";

    private const string ResidentCommunitySql = "SELECT g.CommunityId FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE m.Id = @MemberId;";

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
        UPDATE ResidentTask SET Stage = 'Resolved', Resolution = @Resolution, Result = @Result
        WHERE Id = @Id AND Stage = 'Assigned' AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string CloseSql = """
        UPDATE ResidentTask SET Stage = 'Closed', Result = @Result, Satisfaction = @Satisfaction, ClosedAt = @ClosedAt
        WHERE Id = @Id AND Stage = 'Resolved' AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    // A reopened task starts a new round: its team may change, and its due time runs again from now. It keeps the
    // callback's result and rating (部分解决, 不满意 ...) until its next callback replaces them, so the rates count a task
    // sent back as not solved and not satisfied; a reopen on review (no callback) withdraws the reported result.
    private const string ReopenSql = """
        UPDATE ResidentTask SET Stage = 'Assigned', Result = @Result, Satisfaction = COALESCE(@Satisfaction, Satisfaction),
               AssignedTeamId = @TeamId, DueAt = @DueAt
        WHERE Id = @Id AND Stage = 'Resolved' AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string TeamNameSql = "SELECT Name FROM Team WHERE Id = @TeamId;";

    private const string AssigneeIdsSql = "SELECT MemberId FROM TaskAssignee WHERE TaskId = @TaskId ORDER BY MemberId;";

    private const string AssigneeNamesSql = """
        SELECT m.Name FROM TaskAssignee a JOIN Member m ON m.Id = a.MemberId
        WHERE a.TaskId = @TaskId
        ORDER BY m.Name, m.Id;
        """;

    private const string RuleSql = "SELECT Id, Points FROM PointRule WHERE Code = 'PerService' AND IsActive = 1;";

    private const string AlreadyCreditedSql = "SELECT COUNT(*) FROM PointEntry WHERE TaskId = @TaskId AND MemberId = @MemberId AND Source = 'Task';";

    private const string NoTask = "找不到这件诉求。";

    // Column lengths of database/sqlserver/0001_Schema.sql (NVARCHAR counts UTF-16 units, as TextInput does).
    private const int TitleMax = 100;         // ResidentTask.Title
    private const int DescriptionMax = 1000;  // ResidentTask.Description
    private const int ResolutionMax = 1000;   // ResidentTask.Resolution
    private const int HistoryNoteMax = 500;   // TaskStageHistory.Note

    /// <summary>The resident's follow-up note: the history column less room for the reopen prefix (重新分办：问题未解决；).</summary>
    private const int ConfirmNoteMax = 480;

    /// <summary>How much of a resolution the timeline repeats.</summary>
    private const int ResolutionPreview = 200;

    /// <summary>How long an automatic title is.</summary>
    private const int AutomaticTitleLength = 20;

    private const string NoResident = "找不到这位居民。";

    /// <summary>收集信息: records a resident's call. A likely duplicate of an open task is warned about first.</summary>
    public Task<CommandResult> IntakeAsync(Actor actor, IntakeRequest request, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Tasks", async w =>
        {
            var community = await w.ScalarAsync<int?>(GridCommunitySql, new { request.GridId });
            if (community is null)
            {
                // No choice made is a form to finish; an id that names no grid was not offered by any page.
                return request.GridId <= 0
                    ? CommandResult.Fail("请选择所在网格。")
                    : throw await w.DeniedAsync("Task.Intake", "Grid", request.GridId, request, "找不到这个网格。");
            }
            var place = await TaskWorkflowQueries.IntakeScopeAsync(w.Connection, w.Transaction, actor, community.Value, w.CancellationToken);
            if (!TaskRules.CanIntake(actor, place))
            {
                throw await w.DeniedAsync("Task.Intake", "Grid", request.GridId, request);
            }
            if (TextInput.Check(request.Description, DescriptionMax, "诉求内容", out var description, multiline: true) is { } descriptionError)
            {
                return CommandResult.Fail(descriptionError);
            }
            if (TextInput.Check(request.Title, TitleMax, "标题", out var title, required: false) is { } titleError)
            {
                return CommandResult.Fail(titleError);
            }
            if (title.Length == 0)
            {
                title = AutomaticTitle(description);
            }
            if (!TaskCodes.Categories.Contains(request.Category ?? ""))
            {
                return CommandResult.Fail("请选择诉求类别。");
            }
            if (!TaskCodes.Sources.Contains(request.Source))
            {
                return CommandResult.Fail("请选择诉求来源。");
            }
            if (request.ResidentId is int resident && await w.ScalarAsync<int?>(ResidentCommunitySql, new { MemberId = resident }) != community)
            {
                throw await w.DeniedAsync("Task.Intake", "Member", resident, request, NoResident);
            }
            if (request.DeliberationId is int meeting && await w.ScalarAsync<int?>(DeliberationCommunitySql, new { DeliberationId = meeting }) != community)
            {
                throw await w.DeniedAsync("Task.Intake", "Deliberation", meeting, request, "找不到这次议事。");
            }
            if (!request.ConfirmDuplicate)
            {
                var duplicate = await w.ScalarAsync<int?>(DuplicateSql, new { request.GridId, Title = title, request.ResidentId, request.Category });
                if (duplicate is int duplicateId)
                {
                    return CommandResult.Warn($"同一网格已有未办结的相似诉求（编号 {duplicateId}），可能重复。", duplicateId);
                }
            }
            var id = await w.InsertAsync(InsertTaskSql, new
            {
                request.GridId, request.ResidentId, Title = title, Description = description, request.Category, request.Source,
                request.DeliberationId, CollectedAt = w.Now, request.PhotoPath, CreatedByUserId = LedgerCommands.UserId(actor),
            });
            await HistoryAsync(w, id, null, TaskCodes.Collected, null);
            w.Audit("Task.Intake", "ResidentTask", id, null, new { Title = title, request.Category, request.Source });
            return CommandResult.Success(id);
        }, ct);

    /// <summary>发现问题: sets urgency and category; the urgency sets the due time.</summary>
    public Task<CommandResult> TriageAsync(Actor actor, int taskId, string urgency, string category, long rowVersion, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Tasks", async w =>
        {
            var task = await TaskAsync(w, taskId, "Task.Triage");
            if (!TaskRules.CanTriage(actor, task.Scope))
            {
                throw await w.DeniedAsync("Task.Triage", "ResidentTask", taskId, null);
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
            var due = w.Now + dueHours.For(urgency);
            if (await w.ExecuteAsync(TriageSql, new { Urgency = urgency, Category = category, DueAt = due, task.Id, RowVersion = rowVersion }) == 0)
            {
                return CommandResult.Stale();
            }
            await HistoryAsync(w, taskId, TaskCodes.Collected, TaskCodes.Identified, null);
            w.Audit("Task.Triage", "ResidentTask", taskId, null, new { urgency, category, DueAt = due });
            return CommandResult.Success(taskId);
        }, ct);

    /// <summary>分办任务: to a team and/or named residents, with a due time (the triage's unless given).</summary>
    public Task<CommandResult> AssignAsync(Actor actor, int taskId, int? teamId, IReadOnlyCollection<int> memberIds, DateTime? dueAt, long rowVersion, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Tasks", async w =>
        {
            var task = await TaskAsync(w, taskId, "Task.Assign");
            if (!TaskRules.CanAssign(actor, task.Scope))
            {
                throw await w.DeniedAsync("Task.Assign", "ResidentTask", taskId, null);
            }
            if (task.Stage != TaskCodes.Identified)
            {
                return CommandResult.Fail(task.Stage == TaskCodes.Collected ? "请先研判（发现问题），再分办任务。" : "这件诉求已经分办。");
            }
            if (teamId is null && memberIds.Count == 0)
            {
                return CommandResult.Fail("请指定承办队伍或承办人。");
            }
            if (teamId is int team && await w.ScalarAsync<int?>(TeamCommunitySql, new { TeamId = team }) != task.CommunityId)
            {
                throw await w.DeniedAsync("Task.Assign", "Team", team, null, "找不到这支队伍。");
            }
            await RequireResidentsAsync(w, memberIds, task.CommunityId, "Task.Assign");
            var due = dueAt ?? task.DueAt ?? w.Now + dueHours.For(task.Urgency ?? "Normal");
            if (due < w.Now)
            {
                return CommandResult.Fail("办理期限不能早于现在。");
            }
            // A year is far beyond any urgency's due time; a later date is a slip of the date picker (9999, 2205 ...).
            if (due > w.Now.AddYears(1))
            {
                return CommandResult.Fail("办理期限不能晚于一年之后。");
            }
            if (await w.ExecuteAsync(AssignSql, new { TeamId = teamId, DueAt = due, task.Id, RowVersion = rowVersion }) == 0)
            {
                return CommandResult.Stale();
            }
            await w.ExecuteAsync(ClearAssigneesSql, new { TaskId = taskId });
            await w.ExecuteAsync(InsertAssigneeSql, memberIds.Distinct().Select(m => new { TaskId = taskId, MemberId = m }));
            await HistoryAsync(w, taskId, TaskCodes.Identified, TaskCodes.Assigned, null);
            if (teamId is int assignedTeam)
            {
                await NotificationWriter.TaskAssignedAsync(w, taskId, assignedTeam, due, email);
            }
            w.Audit("Task.Assign", "ResidentTask", taskId, null, new { teamId, Members = memberIds, DueAt = due });
            return CommandResult.Success(taskId);
        }, ct);

    /// <summary>
    /// 反馈结果: records what was done and its <paramref name="result"/> (<see cref="TaskCodes.Results"/>: 解决, 部分解决,
    /// 未解决). The secretary or the lead of the assigned team may report it; the callback confirms or corrects the result.
    /// </summary>
    public Task<CommandResult> ResolveAsync(Actor actor, int taskId, string? result, string? resolution, long rowVersion, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Tasks", async w =>
        {
            var task = await TaskAsync(w, taskId, "Task.Resolve");
            if (!TaskRules.CanResolve(actor, task.Scope))
            {
                throw await w.DeniedAsync("Task.Resolve", "ResidentTask", taskId, new { result, resolution });
            }
            if (task.Stage != TaskCodes.Assigned)
            {
                return CommandResult.Fail(task.Stage is TaskCodes.Collected or TaskCodes.Identified ? "任务尚未分办，不能反馈结果。" : "这件诉求已经反馈过结果。");
            }
            if (!TaskCodes.Results.Contains(result ?? ""))
            {
                return CommandResult.Fail("请选择办理结果（解决、部分解决或未解决）。");
            }
            if (TextInput.Check(resolution, ResolutionMax, "办理结果", out var text, multiline: true) is { } error)
            {
                return CommandResult.Fail(error);
            }
            if (await w.ExecuteAsync(ResolveSql, new { Resolution = text, Result = result, task.Id, RowVersion = rowVersion }) == 0)
            {
                return CommandResult.Stale();
            }
            // The timeline shows the start of the result; the whole of it stays on the task. Derived text, so it is
            // cut, at a character boundary.
            await HistoryAsync(w, taskId, TaskCodes.Assigned, TaskCodes.Resolved, TextInput.Cut(text, ResolutionPreview));
            w.Audit("Task.Resolve", "ResidentTask", taskId, null, new { Result = result, Resolution = text });
            return CommandResult.Success(taskId);
        }, ct);

    /// <summary>
    /// 回访: the resident's confirmation of the <paramref name="result"/> (the feedback's, or corrected by the resident)
    /// and their <paramref name="satisfaction"/>. 解决 with 满意, 基本满意 or 未评价 closes the task (办结, <see
    /// cref="TaskCodes.Closes"/>); 部分解决, 未解决 or 不满意 reopens it to 分办任务, so "closed, not fixed" never counts
    /// as done. A reopen needs its reason in <paramref name="note"/>, may hand the task to another team and handlers
    /// (<paramref name="reassignTo"/>), and gets a new due time from the urgency.
    /// </summary>
    public Task<CommandResult> ConfirmAsync(Actor actor, int taskId, string? result, string? satisfaction, string? note, long rowVersion,
        TaskAssignment? reassignTo = null, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Tasks", async w =>
        {
            var task = await TaskAsync(w, taskId, "Task.Confirm");
            if (!TaskRules.CanConfirm(actor, task.Scope))
            {
                throw await w.DeniedAsync("Task.Confirm", "ResidentTask", taskId, null);
            }
            if (task.Stage != TaskCodes.Resolved)
            {
                return CommandResult.Fail("只有已反馈结果的诉求才能回访确认。");
            }
            if (!TaskCodes.Results.Contains(result ?? ""))
            {
                return CommandResult.Fail("请选择回访确认的办理结果（解决、部分解决或未解决）。");
            }
            if (!TaskCodes.Satisfactions.Contains(satisfaction ?? ""))
            {
                return CommandResult.Fail("请选择居民满意度（满意、基本满意、不满意或未评价）。");
            }
            if (TextInput.Check(note, ConfirmNoteMax, "回访记录", out var entered, required: false, multiline: true) is { } error)
            {
                return CommandResult.Fail(error);
            }
            var text = entered.Length == 0 ? null : entered;
            if (!TaskCodes.Closes(result!, satisfaction!))
            {
                var why = result switch
                {
                    TaskCodes.ResultUnresolved => "问题未解决",
                    TaskCodes.ResultPartial => "问题部分解决",
                    _ => "居民不满意",
                };
                return await ReopenCoreAsync(w, task, why, text, reassignTo, rowVersion, result, satisfaction, new { result, satisfaction });
            }
            if (await w.ExecuteAsync(CloseSql, new { Result = result, Satisfaction = satisfaction, ClosedAt = w.Now, task.Id, RowVersion = rowVersion }) == 0)
            {
                return CommandResult.Stale();
            }
            await HistoryAsync(w, taskId, TaskCodes.Resolved, TaskCodes.Closed,
                TextInput.Cut($"{TaskLabels.Result(result)}，{TaskLabels.Satisfaction(satisfaction)}" + (text is null ? "" : $"；{text}"), HistoryNoteMax));
            w.Audit("Task.Close", "ResidentTask", taskId, null, new { result, satisfaction });
            return CommandResult.Success(taskId);
        }, ct);

    /// <summary>
    /// 重新分办 without waiting for the resident's visit: the secretary finds the reported result does not hold. Only a
    /// task awaiting confirmation (反馈结果) is reopened; a closed task has been counted in its month's figures, so a
    /// new call about it is a new intake. Needs a reason; the team and handlers may change; the due time restarts.
    /// </summary>
    public Task<CommandResult> ReopenAsync(Actor actor, int taskId, string? reason, TaskAssignment? reassignTo, long rowVersion, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Tasks", async w =>
        {
            var task = await TaskAsync(w, taskId, "Task.Reopen");
            if (!TaskRules.CanAssign(actor, task.Scope))
            {
                throw await w.DeniedAsync("Task.Reopen", "ResidentTask", taskId, new { reason });
            }
            if (task.Stage != TaskCodes.Resolved)
            {
                return CommandResult.Fail(task.Stage == TaskCodes.Closed
                    ? "已办结的诉求不能重新分办；居民再次反映请登记为新的诉求。"
                    : "只有已反馈结果的诉求才能重新分办。");
            }
            if (TextInput.Check(reason, ConfirmNoteMax, "重新分办原因", out var text, required: false, multiline: true) is { } error)
            {
                return CommandResult.Fail(error);
            }
            return await ReopenCoreAsync(w, task, "复核未通过", text.Length == 0 ? null : text, reassignTo, rowVersion, null, null, null);
        }, ct);

    /// <summary>
    /// Sends a resolved task back to 分办任务: refuses without a reason, checks and applies the new team and handlers,
    /// restarts the due time from the urgency, and writes two timeline rows (the reopen with its reason, then who
    /// takes it on by when), so the timeline says who reopened it, when, why, and to whom it went.
    /// </summary>
    private async Task<CommandResult> ReopenCoreAsync(WriteScope w, TaskState task, string why, string? reason, TaskAssignment? reassignTo,
        long rowVersion, string? result, string? satisfaction, object? attempted)
    {
        if (reason is null)
        {
            return CommandResult.Fail("重新分办须写明原因（如：问题未解决的情况、居民不满意之处）。");
        }
        var beforeTeam = task.AssignedTeamId;
        var beforeMembers = (await w.QueryAsync<int>(AssigneeIdsSql, new { TaskId = task.Id })).ToList();
        var beforeNames = await w.QueryAsync<string>(AssigneeNamesSql, new { TaskId = task.Id });
        var beforeTeamName = beforeTeam is int oldTeam ? await w.ScalarAsync<string?>(TeamNameSql, new { TeamId = oldTeam }) : null;
        var teamId = beforeTeam;
        var members = (IReadOnlyCollection<int>)beforeMembers;
        if (reassignTo is not null)
        {
            // Handing the task to someone else is a 分办 decision, whoever confirms the visit.
            if (!TaskRules.CanAssign(w.Actor, task.Scope))
            {
                throw await w.DeniedAsync("Task.Reopen", "ResidentTask", task.Id, attempted);
            }
            if (reassignTo.TeamId is int team && await w.ScalarAsync<int?>(TeamCommunitySql, new { TeamId = team }) != task.CommunityId)
            {
                throw await w.DeniedAsync("Task.Reopen", "Team", team, attempted, "找不到这支队伍。");
            }
            await RequireResidentsAsync(w, reassignTo.MemberIds, task.CommunityId, "Task.Reopen");
            (teamId, members) = (reassignTo.TeamId, reassignTo.MemberIds.Distinct().ToList());
        }
        if (teamId is null && members.Count == 0)
        {
            return CommandResult.Fail("请指定承办队伍或承办人。");
        }
        var due = w.Now + dueHours.For(task.Urgency ?? "Normal");
        if (await w.ExecuteAsync(ReopenSql, new { Result = result, Satisfaction = satisfaction, TeamId = teamId, DueAt = due, task.Id, RowVersion = rowVersion }) == 0)
        {
            return CommandResult.Stale();
        }
        var changed = teamId != beforeTeam || !members.Order().SequenceEqual(beforeMembers.Order());
        if (changed)
        {
            await w.ExecuteAsync(ClearAssigneesSql, new { TaskId = task.Id });
            await w.ExecuteAsync(InsertAssigneeSql, members.Select(m => new { TaskId = task.Id, MemberId = m }));
        }
        var teamName = teamId is int newTeam ? await w.ScalarAsync<string?>(TeamNameSql, new { TeamId = newTeam }) : null;
        var names = await w.QueryAsync<string>(AssigneeNamesSql, new { TaskId = task.Id });
        // ConfirmNoteMax leaves room for the prefix; the cut to the column is only a guard should the prefix grow.
        await HistoryAsync(w, task.Id, TaskCodes.Resolved, TaskCodes.Assigned, TextInput.Cut($"重新分办：{why}；原因：{reason}", HistoryNoteMax));
        var handledBy = $"承办队伍：{teamName ?? "无"}；承办人：{Names(names)}；办理期限：{due:yyyy-MM-dd HH:mm}";
        var previously = changed ? $"（改派，原承办队伍：{beforeTeamName ?? "无"}；原承办人：{Names(beforeNames)}）" : "（承办不变）";
        await HistoryAsync(w, task.Id, TaskCodes.Assigned, TaskCodes.Assigned, TextInput.Cut(handledBy + previously, HistoryNoteMax));
        if (teamId is int handOver && handOver != beforeTeam)
        {
            await NotificationWriter.TaskAssignedAsync(w, task.Id, handOver, due, email);
        }
        w.Audit("Task.Reopen", "ResidentTask", task.Id,
            new { Stage = TaskCodes.Resolved, TeamId = beforeTeam, Members = beforeMembers, task.DueAt },
            new { Stage = TaskCodes.Assigned, TeamId = teamId, Members = members, DueAt = due, Reason = reason, Why = why, Attempted = attempted });
        return CommandResult.Success(task.Id);
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join("、", names) : "无";

    /// <summary>
    /// Credits the volunteers who did the work, in one step, once each: 邻里互助 by default, at the points of the
    /// active 一次一积分 rule. Returns how many were newly credited in <see cref="CommandResult.Id"/>. Only the points
    /// ledger changes, so only Points is bumped, and only when someone was credited.
    /// </summary>
    public Task<CommandResult> CreditAsync(Actor actor, int taskId, IReadOnlyCollection<int> memberIds, int categoryId = 3, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var task = await TaskAsync(w, taskId, "Task.Credit");
            if (!TaskRules.CanCredit(actor, task.Scope))
            {
                throw await w.DeniedAsync("Task.Credit", "ResidentTask", taskId, null);
            }
            if (task.Stage != TaskCodes.Closed)
            {
                return CommandResult.Fail("诉求办结后才能为志愿者记分。");
            }
            if (memberIds.Count == 0)
            {
                return CommandResult.Fail("请选择要记分的志愿者。");
            }
            var rule = await w.SingleOrDefaultAsync<RuleRow>(RuleSql);
            if (rule is null)
            {
                return CommandResult.Fail("积分规则“一次一积分”未启用，暂不能记分。");
            }
            await RequireResidentsAsync(w, memberIds, task.CommunityId, "Task.Credit");
            var credited = 0;
            foreach (var member in memberIds.Distinct())
            {
                if (await w.ScalarAsync<int>(AlreadyCreditedSql, new { TaskId = taskId, MemberId = member }) > 0)
                {
                    continue;
                }
                // Two users crediting at once both pass the check above on SQL Server; the unique index
                // UX_PointEntry_TaskMember refuses the second insert, and the whole credit is rolled back.
                try
                {
                    await PointLedger.AppendAsync(w, new NewPointEntry(member, categoryId, rule.Points, w.Now.Date, PointSource.Task)
                    {
                        RuleId = rule.Id, TaskId = taskId, RecordedByUserId = LedgerCommands.UserId(actor), Note = $"民呼我应 #{taskId}",
                    });
                }
                catch (Exception e) when (UniqueViolation.Is(e))
                {
                    return CommandResult.Fail("志愿者已由他人同时记分，请刷新后查看。");
                }
                credited++;
            }
            w.Audit("Task.Credit", "ResidentTask", taskId, null, new { Members = memberIds, Credited = credited });
            if (credited > 0)
            {
                w.AlsoBump("Points");
            }
            return CommandResult.Success(credited);
        }, ct);

    /// <summary>
    /// The title made from the description when none is given: its first line, cut at a character boundary so an
    /// emoji is never split. The description was checked already, so the line holds no other control character.
    /// </summary>
    private static string AutomaticTitle(string description)
    {
        var lineEnd = description.IndexOfAny(['\r', '\n', '\t']);
        var firstLine = (lineEnd < 0 ? description : description[..lineEnd]).Trim();
        return TextInput.Cut(firstLine, AutomaticTitleLength);
    }

    /// <summary>The task, or a refusal (audited) when there is no such task: a forged id is never replaced by another.</summary>
    private static async Task<TaskState> TaskAsync(WriteScope w, int taskId, string action) =>
        await w.SingleOrDefaultAsync<TaskState>(TaskSql, new { TaskId = taskId })
        ?? throw await w.DeniedAsync(action, "ResidentTask", taskId, null, NoTask);

    /// <summary>Refuses (audited) the first resident who does not exist or lives in another community.</summary>
    private static async Task RequireResidentsAsync(WriteScope w, IEnumerable<int> memberIds, int communityId, string action)
    {
        foreach (var member in memberIds.Distinct())
        {
            if (await w.ScalarAsync<int?>(ResidentCommunitySql, new { MemberId = member }) != communityId)
            {
                throw await w.DeniedAsync(action, "Member", member, null, NoResident);
            }
        }
    }

    private static Task HistoryAsync(WriteScope w, int taskId, string? from, string to, string? note) =>
        w.ExecuteAsync(InsertHistorySql, new
        {
            TaskId = taskId, FromStage = from, ToStage = to, ChangedAt = w.Now, ChangedByUserId = LedgerCommands.UserId(w.Actor), Note = note,
        });

    private sealed record TaskState
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
        public string Stage { get; init; } = "";
        public string? Urgency { get; init; }
        public DateTime? DueAt { get; init; }
        public int? AssignedTeamId { get; init; }
        public long RowVersion { get; init; }

        public TaskScope Scope => new(CommunityId, AssignedTeamId);
    }

    private sealed record RuleRow
    {
        public int Id { get; init; }
        public int Points { get; init; }
    }
}
