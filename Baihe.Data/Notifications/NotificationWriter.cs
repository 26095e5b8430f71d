using Baihe.Data.Database;

namespace Baihe.Data.Notifications;

/// <summary>
/// Writes notifications inside the caller's <see cref="WriteTransaction"/>, so a notification exists exactly when the
/// write that caused it committed (a refused or rolled-back write tells nobody, and a committed one cannot lose its
/// message). It decides who is told for each kind, by role and scope, leaves out the actor (nobody is told of their
/// own step) and anyone who turned the kind off, and bumps the Notifications area so every open bell counts again.
/// </summary>
public static class NotificationWriter
{
    // Column lengths of database/sqlserver/0021_EscalationAndNotifications.sql.
    private const int TitleMax = 100;
    private const int BodyMax = 300;

    /// <summary>The change-feed area the bell listens to.</summary>
    public const string Area = "Notifications";

    private const string LeadsSql = "SELECT Id FROM AppUser WHERE Role = 'Lead' AND TeamId = @TeamId AND IsDisabled = 0;";

    private const string SecretariesSql = "SELECT Id FROM AppUser WHERE Role = 'Secretary' AND CommunityId = @CommunityId AND IsDisabled = 0;";

    private const string OfficialsOverSql = """
        SELECT u.Id FROM AppUser u JOIN Community c ON c.SubDistrictId = u.SubDistrictId
        WHERE c.Id = @CommunityId AND u.Role = 'Official' AND u.IsDisabled = 0;
        """;

    private const string OfficialsOfSql = "SELECT Id FROM AppUser WHERE Role = 'Official' AND SubDistrictId = @SubDistrictId AND IsDisabled = 0;";

    // The leads of the teams the winners are on today: they hear that their people are named in the 公示.
    private const string WinnerLeadsSql = """
        SELECT DISTINCT u.Id
        FROM EvaluationResult r
        JOIN Membership m ON m.MemberId = r.MemberId AND m.LeftOn IS NULL
        JOIN AppUser u ON u.TeamId = m.TeamId AND u.Role = 'Lead' AND u.IsDisabled = 0
        WHERE r.EvaluationId = @EvaluationId AND r.IsWinner = 1;
        """;

    private const string TaskTitleSql = "SELECT Title FROM ResidentTask WHERE Id = @Id;";

    private const string WishContentSql = "SELECT Content FROM MicroWish WHERE Id = @Id;";

    private const string TeamNameSql = "SELECT Name FROM Team WHERE Id = @Id;";

    private const string EvaluationSql = "SELECT CommunityId, Year, Half FROM Evaluation WHERE Id = @Id;";

    // Few users turn a kind off, so reading all of them for the kind is one small read (and needs no list parameter).
    private const string TurnedOffSql = "SELECT UserId FROM NotificationPreference WHERE Kind = @Kind AND Enabled = 0;";

    private const string InsertSql = """
        INSERT INTO Notification (UserId, Kind, Title, Body, Link, CreatedAt, ReadAt)
        VALUES (@UserId, @Kind, @Title, @Body, @Link, @CreatedAt, NULL);
        """;

    /// <summary>A task was assigned (or reassigned) to <paramref name="teamId"/>: its leads are told.</summary>
    public static async Task<int> TaskAssignedAsync(WriteScope w, int taskId, int teamId, DateTime dueAt, EmailOutbox? email = null)
    {
        var title = await w.ScalarAsync<string>(TaskTitleSql, new { Id = taskId }) ?? "";
        var to = await w.QueryAsync<int>(LeadsSql, new { TeamId = teamId });
        return await WriteAsync(w, NotificationKinds.TaskAssigned, to, $"新任务：{title}",
            $"民呼我应诉求 #{taskId} 已分派给您的队伍，办理期限 {dueAt:yyyy-MM-dd HH:mm}。", TaskLink(taskId), email);
    }

    /// <summary>A team claimed a wish: the team's leads and the community's secretary are told.</summary>
    public static async Task<int> WishClaimedAsync(WriteScope w, int wishId, int teamId, int communityId, EmailOutbox? email = null)
    {
        var wish = await w.ScalarAsync<string>(WishContentSql, new { Id = wishId }) ?? "";
        var team = await w.ScalarAsync<string>(TeamNameSql, new { Id = teamId }) ?? "";
        var to = (await w.QueryAsync<int>(LeadsSql, new { TeamId = teamId }))
            .Concat(await w.QueryAsync<int>(SecretariesSql, new { CommunityId = communityId }));
        return await WriteAsync(w, NotificationKinds.WishClaimed, to, $"心愿已认领：{wish}",
            $"{team}认领了微心愿 #{wishId}。", $"wishes/{wishId}", email);
    }

    /// <summary>
    /// 催办 or 督办 of a task. 催办 goes to the handler team's leads and the secretary, who can still move it; 督办 to the
    /// secretary and the officials of the 街道, the level above.
    /// </summary>
    public static async Task<int> TaskEscalatedAsync(WriteScope w, string kind, int taskId, string taskTitle, int communityId, int? teamId, DateTime dueAt, EmailOutbox? email = null)
    {
        var secretaries = await w.QueryAsync<int>(SecretariesSql, new { CommunityId = communityId });
        if (kind == NotificationKinds.TaskRemind)
        {
            var leads = teamId is int team ? await w.QueryAsync<int>(LeadsSql, new { TeamId = team }) : [];
            return await WriteAsync(w, kind, leads.Concat(secretaries), $"催办：{taskTitle}",
                $"诉求 #{taskId} 已过办理时限的一部分，当前阶段仍未推进，请于 {dueAt:yyyy-MM-dd HH:mm} 前办结。", TaskLink(taskId), email);
        }
        var officials = await w.QueryAsync<int>(OfficialsOverSql, new { CommunityId = communityId });
        return await WriteAsync(w, NotificationKinds.TaskSupervise, secretaries.Concat(officials), $"督办：{taskTitle}",
            $"诉求 #{taskId} 已超过办理期限（{dueAt:yyyy-MM-dd HH:mm}），列入督办。", TaskLink(taskId), email);
    }

    /// <summary>A monthly report was archived: a community's to its secretary, a 街道 roll-up to its officials.</summary>
    public static async Task<int> ReportReadyAsync(WriteScope w, int archiveId, int? communityId, int subDistrictId, string month, EmailOutbox? email = null)
    {
        var to = communityId is int community
            ? await w.QueryAsync<int>(SecretariesSql, new { CommunityId = community })
            : await w.QueryAsync<int>(OfficialsOfSql, new { SubDistrictId = subDistrictId });
        return await WriteAsync(w, NotificationKinds.ReportReady, to, $"{month} 月报已生成",
            communityId is null ? $"全街道 {month} 汇总月报已生成并存档，可下载。" : $"社区 {month} 月报已生成并存档，可下载。", $"reports/archive/{archiveId}", email);
    }

    /// <summary>An evaluation went into 公示: the community's secretary and the leads of the winners' teams are told.</summary>
    public static async Task<int> EvaluationPublicisedAsync(WriteScope w, int evaluationId, DateTime endsOn, EmailOutbox? email = null)
    {
        var e = await w.SingleOrDefaultAsync<EvaluationNames>(EvaluationSql, new { Id = evaluationId });
        if (e is null)
        {
            return 0;
        }
        var name = $"{e.Year}年{(e.Half == 1 ? "上半年" : "下半年")}积分评选";
        var to = (await w.QueryAsync<int>(SecretariesSql, new { e.CommunityId }))
            .Concat(await w.QueryAsync<int>(WinnerLeadsSql, new { EvaluationId = evaluationId }));
        return await WriteAsync(w, NotificationKinds.EvaluationPublicised, to, $"评选公示：{name}",
            $"{name}获评名单已公示，截止 {endsOn:yyyy-MM-dd}。", $"evaluations/{evaluationId}/notice", email);
    }

    private static string TaskLink(int taskId) => $"tasks/{taskId}";

    /// <summary>Writes one row per recipient (less the actor and anyone who turned the kind off); returns how many.</summary>
    private static async Task<int> WriteAsync(WriteScope w, string kind, IEnumerable<int> userIds, string title, string body, string link, EmailOutbox? email)
    {
        var recipients = userIds.Distinct().Where(id => id != w.Actor.UserId).ToList();
        if (recipients.Count == 0)
        {
            return 0;
        }
        var off = await w.QueryAsync<int>(TurnedOffSql, new { Kind = kind });
        recipients = recipients.Except(off).ToList();
        if (recipients.Count == 0)
        {
            return 0;
        }
        // Titles and bodies are composed from names the user typed; they are cut, at a character boundary, to the columns.
        var (t, b) = (TextInput.Cut(title, TitleMax), TextInput.Cut(body, BodyMax));
        await w.ExecuteAsync(InsertSql, recipients.Select(u => new { UserId = u, Kind = kind, Title = t, Body = b, Link = link, CreatedAt = w.Now }));
        foreach (var user in recipients)
        {
            await OtherChannelsAsync(w, user, t, b, link, email);
        }
        w.AlsoBump(Area);
        return recipients.Count;
    }

    /// <summary>
    /// The one place where a notification leaves the app by another channel (email's outbox row), called once per
    /// recipient in the same transaction as the in-app row, after the kind preference has been honoured. Nothing is
    /// sent from here: a channel writes its own row to deliver later, so a slow or absent server never fails the write.
    /// </summary>
    /// <remarks>
    /// The outbox comes from the command class that writes the notification (an optional constructor parameter that the
    /// container fills), so a class built without it, as many tests build them, simply sends no mail. The outbox itself
    /// decides whether email is configured and whether this account has an address and wants mail.
    /// </remarks>
    private static Task OtherChannelsAsync(WriteScope w, int userId, string title, string body, string link, EmailOutbox? email) =>
        email is null ? Task.CompletedTask : email.EnqueueAsync(w, userId, title, body, "/" + link.TrimStart('/'));

    private sealed record EvaluationNames
    {
        public int CommunityId { get; init; }
        public int Year { get; init; }
        public int Half { get; init; }
    }
}
