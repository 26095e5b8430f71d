using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Data.Points;
using Baihe.Data.Reports;
using Baihe.Data.Tasks;
using Baihe.Data.Wishes;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Notifications;

/// <summary>
/// Who is told what, written in the transaction of the write that causes it: recipients per kind, the actor left out,
/// preferences honoured, nothing for a refused write, and a user reads and marks only their own.
/// </summary>
public class NotificationTests
{
    private static async Task<T> ScalarAsync<T>(TestDatabase db, string sql, object? args = null)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    /// <summary>Who was told of <paramref name="link"/> by a notification of <paramref name="kind"/>, by user name.</summary>
    private static async Task<List<string>> ToldAsync(TestDatabase db, string kind, string link)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.QueryAsync<string>("""
            SELECT u.UserName FROM Notification n JOIN AppUser u ON u.Id = n.UserId WHERE n.Kind = @kind AND n.Link = @link ORDER BY u.UserName;
            """, new { kind, link })).ToList();
    }

    private static Task<int> TeamAsync(TestDatabase db, string name) =>
        ScalarAsync<int>(db, "SELECT Id FROM Team WHERE CommunityId = 1 AND Name = @name;", new { name });

    private static async Task<int> IdentifiedTaskAsync(TestDatabase db, TaskCommands tasks, string title = "路灯不亮")
    {
        var s = await db.ActorAsync("shuji");
        var id = (await tasks.IntakeAsync(s, new IntakeRequest { GridId = 1, Title = title, Description = "小区东门路灯不亮。", Category = "设施维护", Source = "Hotline" })).Id!.Value;
        Assert.True((await tasks.TriageAsync(s, id, "High", "设施维护", await VersionAsync(db, id))).Ok);
        return id;
    }

    private static async Task<long> VersionAsync(TestDatabase db, int id) => (await new TaskWorkflowQueries(db.Factory).DetailAsync(id))!.Value.Task.RowVersion;

    [Fact]
    public async Task AssigningATaskToATeam_TellsItsLead_AndNotTheSecretaryWhoAssignedIt()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var tasks = new TaskCommands(db.Factory, db.Clock, new TaskDueHours());
        var id = await IdentifiedTaskAsync(db, tasks);

        Assert.True((await tasks.AssignAsync(await db.ActorAsync("shuji"), id, await TeamAsync(db, "银辉先锋"), [], null, await VersionAsync(db, id))).Ok);

        Assert.Equal(["yinhui"], await ToldAsync(db, NotificationKinds.TaskAssigned, $"tasks/{id}"));
        var row = (await new NotificationQueries(db.Factory).LatestAsync(await ScalarAsync<int>(db, "SELECT Id FROM AppUser WHERE UserName = 'yinhui';"))).First();
        Assert.Equal("新任务：路灯不亮", row.Title);
        Assert.False(row.IsRead);
    }

    [Fact]
    public async Task ARefusedWrite_TellsNobody()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var tasks = new TaskCommands(db.Factory, db.Clock, new TaskDueHours());
        var id = await IdentifiedTaskAsync(db, tasks);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            tasks.AssignAsync(db.ActorAsync("jinjiejie").Result, id, TeamAsync(db, "银辉先锋").Result, [], null, VersionAsync(db, id).Result));

        Assert.Empty(await ToldAsync(db, NotificationKinds.TaskAssigned, $"tasks/{id}"));
    }

    [Fact]
    public async Task ALongTaskTitle_IsCutToTheColumn_NotRefused()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var tasks = new TaskCommands(db.Factory, db.Clock, new TaskDueHours());
        var id = await IdentifiedTaskAsync(db, tasks, new string('灯', 100));

        Assert.True((await tasks.AssignAsync(await db.ActorAsync("shuji"), id, await TeamAsync(db, "银辉先锋"), [], null, await VersionAsync(db, id))).Ok);

        var title = await ScalarAsync<string>(db, "SELECT Title FROM Notification WHERE Link = @link;", new { link = $"tasks/{id}" });
        Assert.Equal(100, title.Length);
    }

    [Fact]
    public async Task ClaimingAWishForATeam_TellsItsLead_AndTheSecretaryWhenSheDidNotClaimIt()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var wishes = new WishCommands(db.Factory, db.Clock);
        var shuji = await db.ActorAsync("shuji");
        var first = (await wishes.PublishAsync(shuji, new WishInput(1, "王奶奶", "Elderly", "想要一台收音机", 50))).Id!.Value;
        var second = (await wishes.PublishAsync(shuji, new WishInput(1, "李爷爷", "Elderly", "想要一副老花镜", 30))).Id!.Value;

        Assert.True((await wishes.ClaimAsync(shuji, first, "Team", await TeamAsync(db, "银辉先锋"))).Ok);
        Assert.True((await wishes.ClaimAsync(await db.ActorAsync("yinhui"), second, "Team", await TeamAsync(db, "银辉先锋"))).Ok);

        Assert.Equal(["yinhui"], await ToldAsync(db, NotificationKinds.WishClaimed, $"wishes/{first}"));
        Assert.Equal(["shuji"], await ToldAsync(db, NotificationKinds.WishClaimed, $"wishes/{second}"));
    }

    [Fact]
    public async Task AScheduledMonthlyReport_TellsTheCommunitysSecretary()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var subDistrict = await ScalarAsync<int>(db, "SELECT SubDistrictId FROM Community WHERE Id = 1;");
        var schedule = new Actor(0, "schedule", Roles.Secretary, subDistrict, 1, null);

        var stored = await new ReportArchiveCommands(db.Factory, db.Clock).StoreAsync(schedule, new ArchivedReportScope(1, subDistrict), "2026-10", true,
            "系统定时任务", "月报.xlsx", [1, 2, 3], 0, new string('a', 64));

        Assert.True(stored.Ok);
        Assert.Equal(["shuji"], await ToldAsync(db, NotificationKinds.ReportReady, $"reports/archive/{stored.Id}"));
    }

    [Fact]
    public async Task AnEvaluationIn公示_TellsTheLeadsOfTheWinnersTeams()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var evaluations = new EvaluationCommands(db.Factory, db.Clock);
        var shuji = await db.ActorAsync("shuji");
        var today = db.Clock.Today;
        var id = (await evaluations.CreateAsync(shuji, 1, today.Year, Period.HalfOf(today), null, 3)).Id!.Value;
        // The only winner: a resident on 银辉先锋 and on no other team.
        var winner = await ScalarAsync<int>(db, """
            SELECT MIN(m.MemberId) FROM Membership m JOIN Team t ON t.Id = m.TeamId
            WHERE t.Name = '银辉先锋' AND m.LeftOn IS NULL
              AND NOT EXISTS (SELECT 1 FROM Membership o WHERE o.MemberId = m.MemberId AND o.TeamId <> m.TeamId AND o.LeftOn IS NULL);
            """);
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("UPDATE EvaluationResult SET IsWinner = 0 WHERE EvaluationId = @id;", new { id });
            await conn.ExecuteAsync("DELETE FROM EvaluationResult WHERE EvaluationId = @id AND MemberId = @winner;", new { id, winner });
            await conn.ExecuteAsync("INSERT INTO EvaluationResult (EvaluationId, MemberId, Rank, Points, IsWinner) VALUES (@id, @winner, 9, 1, 1);", new { id, winner });
        }

        Assert.True((await evaluations.PubliciseAsync(shuji, id, today.AddDays(7))).Ok);

        Assert.Equal(["yinhui"], await ToldAsync(db, NotificationKinds.EvaluationPublicised, $"evaluations/{id}/notice"));
    }

    [Fact]
    public async Task AKindTurnedOff_IsNotWritten_WhileOtherKindsStillAre()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var notifications = new NotificationCommands(db.Factory, db.Clock);
        var yinhui = await db.ActorAsync("yinhui");
        Assert.True((await notifications.SavePreferencesAsync(yinhui, new Dictionary<string, bool> { [NotificationKinds.TaskAssigned] = false })).Ok);
        var tasks = new TaskCommands(db.Factory, db.Clock, new TaskDueHours());
        var id = await IdentifiedTaskAsync(db, tasks);
        var shuji = await db.ActorAsync("shuji");
        var wish = (await new WishCommands(db.Factory, db.Clock).PublishAsync(shuji, new WishInput(1, "王奶奶", "Elderly", "想要一台收音机", 50))).Id!.Value;

        Assert.True((await tasks.AssignAsync(shuji, id, await TeamAsync(db, "银辉先锋"), [], null, await VersionAsync(db, id))).Ok);
        Assert.True((await new WishCommands(db.Factory, db.Clock).ClaimAsync(shuji, wish, "Team", await TeamAsync(db, "银辉先锋"))).Ok);

        Assert.Empty(await ToldAsync(db, NotificationKinds.TaskAssigned, $"tasks/{id}"));
        Assert.Equal(["yinhui"], await ToldAsync(db, NotificationKinds.WishClaimed, $"wishes/{wish}"));
        var choices = await new NotificationQueries(db.Factory).PreferencesAsync(yinhui.UserId);
        Assert.False(choices.Single(c => c.Kind == NotificationKinds.TaskAssigned).Enabled);
        Assert.True(choices.Single(c => c.Kind == NotificationKinds.WishClaimed).Enabled);
    }

    /// <summary>
    /// With email configured, the notifications a command writes are queued as email in the same transaction, to those
    /// who have an address, only for the kinds they receive: the lead who turned 任务指派 off gets neither.
    /// </summary>
    [Fact]
    public async Task WithEmailConfigured_ANotificationIsAlsoQueuedAsEmail_ForTheKindsTheUserReceives()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var email = new EmailOutbox(new EmailOptions { Host = "127.0.0.1", From = "noreply@baihe.example.cn" });
        var admin = await db.ActorAsync("admin");
        var yinhui = await db.ActorAsync("yinhui");
        Assert.True((await new UserCommands(db.Factory, db.Clock).SetEmailAsync(admin, yinhui.UserId, "yinhui@example.cn", true)).Ok);
        var tasks = new TaskCommands(db.Factory, db.Clock, new TaskDueHours(), email);
        var shuji = await db.ActorAsync("shuji");
        var first = await IdentifiedTaskAsync(db, tasks, "楼道灯坏了");
        var second = await IdentifiedTaskAsync(db, tasks, "井盖松动");

        Assert.True((await tasks.AssignAsync(shuji, first, await TeamAsync(db, "银辉先锋"), [], null, await VersionAsync(db, first))).Ok);
        Assert.True((await new NotificationCommands(db.Factory, db.Clock).SavePreferencesAsync(yinhui, new Dictionary<string, bool> { [NotificationKinds.TaskAssigned] = false })).Ok);
        Assert.True((await tasks.AssignAsync(shuji, second, await TeamAsync(db, "银辉先锋"), [], null, await VersionAsync(db, second))).Ok);

        await using var conn = await db.Factory.OpenAsync();
        var mail = (await conn.QueryAsync<(string ToAddress, string Subject)>("SELECT ToAddress, Subject FROM EmailOutbox ORDER BY Id;")).ToList();
        Assert.Equal([("yinhui@example.cn", "新任务：楼道灯坏了")], mail);
    }

    [Fact]
    public async Task AnUnknownKind_IsRefused_AndNothingIsStored()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var yinhui = await db.ActorAsync("yinhui");

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            new NotificationCommands(db.Factory, db.Clock).SavePreferencesAsync(yinhui, new Dictionary<string, bool> { ["Anything"] = false }));

        Assert.Equal(0, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM NotificationPreference;"));
    }

    [Fact]
    public async Task MarkingSomeoneElsesNotification_IsRefusedInChinese_Audited_AndChangesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var tasks = new TaskCommands(db.Factory, db.Clock, new TaskDueHours());
        var id = await IdentifiedTaskAsync(db, tasks);
        Assert.True((await tasks.AssignAsync(await db.ActorAsync("shuji"), id, await TeamAsync(db, "银辉先锋"), [], null, await VersionAsync(db, id))).Ok);
        var theirs = await ScalarAsync<int>(db, "SELECT Id FROM Notification WHERE Link = @link;", new { link = $"tasks/{id}" });
        var commands = new NotificationCommands(db.Factory, db.Clock);

        var foreign = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.MarkReadAsync(db.ActorAsync("jinjiejie").Result, theirs));
        var missing = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.MarkReadAsync(db.ActorAsync("admin").Result, 999_999));

        Assert.Equal("找不到这条通知。", foreign.Message);
        Assert.Equal("找不到这条通知。", missing.Message);
        Assert.Null(await ScalarAsync<string?>(db, "SELECT ReadAt FROM Notification WHERE Id = @theirs;", new { theirs }));
        Assert.Equal(["admin", "jinjiejie"], (await (await db.Factory.OpenAsync()).QueryAsync<string>(
            "SELECT UserName FROM AuditLog WHERE Action = 'Denied:Notification.Read' ORDER BY UserName;")).ToList());
    }

    [Fact]
    public async Task MarkingRead_CountsDown_AndEveryNotificationWriteMovesTheBellsChangeVersion()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var tasks = new TaskCommands(db.Factory, db.Clock, new TaskDueHours());
        var shuji = await db.ActorAsync("shuji");
        var yinhui = await db.ActorAsync("yinhui");
        var queries = new NotificationQueries(db.Factory);
        var commands = new NotificationCommands(db.Factory, db.Clock);
        long Version() => ScalarAsync<long>(db, "SELECT Version FROM ChangeVersion WHERE Area = 'Notifications';").Result;
        var before = Version();
        foreach (var title in new[] { "路灯不亮", "井盖松动" })
        {
            var id = await IdentifiedTaskAsync(db, tasks, title);
            Assert.True((await tasks.AssignAsync(shuji, id, await TeamAsync(db, "银辉先锋"), [], null, await VersionAsync(db, id))).Ok);
        }
        Assert.Equal(before + 2, Version());
        Assert.Equal(2, await queries.UnreadCountAsync(yinhui.UserId));

        var newest = (await queries.LatestAsync(yinhui.UserId))[0];
        Assert.Equal("新任务：井盖松动", newest.Title);
        Assert.True((await commands.MarkReadAsync(yinhui, newest.Id)).Ok);
        Assert.True((await commands.MarkReadAsync(yinhui, newest.Id)).Ok);
        Assert.Equal(1, await queries.UnreadCountAsync(yinhui.UserId));

        var all = await commands.MarkAllReadAsync(yinhui);
        Assert.Equal(1, all.Id);
        Assert.Equal(0, await queries.UnreadCountAsync(yinhui.UserId));
        Assert.Equal(2, (await queries.PageAsync(yinhui.UserId, "井盖", false, null, 1, 20)).Total + (await queries.PageAsync(yinhui.UserId, "路灯", false, null, 1, 20)).Total);
        Assert.Equal(0, (await queries.PageAsync(yinhui.UserId, null, true, null, 1, 20)).Total);
    }
}
