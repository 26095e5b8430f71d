using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Notifications;

public class EmailOutboxTests
{
    private static readonly EmailOptions Configured = new()
    {
        Host = "127.0.0.1", Port = 2525, From = "百合园社区 <noreply@baihe.example.cn>", Security = SmtpSecurity.None,
        BaseUrl = "https://baihe.example.cn",
    };

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Enqueue_InAWriteThatRollsBack_QueuesNothing_AndInOneThatCommits_QueuesOneRow(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var lead = await WithEmailAsync(db, "jinjiejie", "lead@example.cn");
        var outbox = new EmailOutbox(Configured);

        var failed = await WriteTransaction.RunAsync(db.Factory, db.Clock, await db.ActorAsync("shuji"), null, async w =>
        {
            Assert.True(await outbox.EnqueueAsync(w, lead, "任务已指派", "正文"));
            return CommandResult.Fail("后面的检查没通过。");
        });
        Assert.False(failed.Ok);
        Assert.Equal(0, await CountAsync(db));

        // The same write, succeeding: the row is there, so the zero above was the rollback's doing.
        await WriteTransaction.RunAsync(db.Factory, db.Clock, await db.ActorAsync("shuji"), null, async w =>
        {
            await outbox.EnqueueAsync(w, lead, "任务已指派", "正文");
            return CommandResult.Success();
        });
        Assert.Equal(1, await CountAsync(db));
    }

    [Fact]
    public async Task Enqueue_WithoutEmailConfigured_QueuesNothing_EvenForAnAccountWithAnAddress()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var lead = await WithEmailAsync(db, "jinjiejie", "lead@example.cn");
        var outbox = new EmailOutbox(EmailOptions.Disabled);

        var queued = await EnqueueAsync(db, outbox, lead, "任务已指派", "正文");

        Assert.False(outbox.Enabled);
        Assert.False(queued);
        Assert.Equal(0, await CountAsync(db));
    }

    [Fact]
    public async Task Enqueue_ForAnAccountWithoutAddress_OrThatTurnedMailOff_OrDisabled_QueuesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var outbox = new EmailOutbox(Configured);
        var noAddress = (await new UserQueries(db.Factory).FindByUserNameAsync("yinhui"))!.Id;
        var optedOut = await WithEmailAsync(db, "baihe", "baihe@example.cn");
        var disabled = await WithEmailAsync(db, "xinhuo", "xinhuo@example.cn");
        var wanted = await WithEmailAsync(db, "jinjiejie", "lead@example.cn");
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("UPDATE AppUser SET EmailNotifications = 0 WHERE Id = @optedOut; UPDATE AppUser SET IsDisabled = 1 WHERE Id = @disabled;", new { optedOut, disabled });
        }

        Assert.False(await EnqueueAsync(db, outbox, noAddress, "主题", "正文"));
        Assert.False(await EnqueueAsync(db, outbox, optedOut, "主题", "正文"));
        Assert.False(await EnqueueAsync(db, outbox, disabled, "主题", "正文"));
        Assert.False(await EnqueueAsync(db, outbox, 999_999, "主题", "正文"));
        Assert.True(await EnqueueAsync(db, outbox, wanted, "主题", "正文"));

        await using var read = await db.Factory.OpenAsync();
        Assert.Equal(["lead@example.cn"], (await read.QueryAsync<string>("SELECT ToAddress FROM EmailOutbox;")).ToList());
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Enqueue_StoresTheChineseTextWithTheRecordsFullLink_AndCutsWhatIsTooLong(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var lead = await WithEmailAsync(db, "jinjiejie", "lead@example.cn");
        var outbox = new EmailOutbox(Configured);

        await EnqueueAsync(db, outbox, lead, "【催办】楼道灯不亮\n第二行", "任务「楼道灯不亮」已过半时限，请尽快处理。", "/tasks/7");
        await EnqueueAsync(db, outbox, lead, new string('长', 300), new string('文', 5000), "/tasks/8");

        await using var conn = await db.Factory.OpenAsync();
        var rows = (await conn.QueryAsync<(string Subject, string Body, int Attempts, DateTime CreatedAt, DateTime NextAttemptAt)>(
            "SELECT Subject, Body, Attempts, CreatedAt, NextAttemptAt FROM EmailOutbox ORDER BY Id;")).ToList();
        Assert.Equal("【催办】楼道灯不亮 第二行", rows[0].Subject);
        Assert.StartsWith("任务「楼道灯不亮」已过半时限，请尽快处理。\n\n查看详情：https://baihe.example.cn/tasks/7\n\n", rows[0].Body);
        Assert.EndsWith(EmailOutbox.Footer, rows[0].Body);
        Assert.Equal(0, rows[0].Attempts);
        Assert.Equal(db.Clock.Now, rows[0].CreatedAt);
        Assert.Equal(db.Clock.Now, rows[0].NextAttemptAt);
        // Too long is cut (a notification must never fail its write), and the link and footer survive the cut.
        Assert.Equal(EmailOutbox.SubjectMaxLength, rows[1].Subject.Length);
        Assert.Equal(EmailOutbox.BodyMaxLength, rows[1].Body.Length);
        Assert.Contains("https://baihe.example.cn/tasks/8", rows[1].Body);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Claim_TwoHoldersAtOnce_SplitTheDueMessages_AndNeitherGetsOneTheOtherHolds(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var lead = await WithEmailAsync(db, "jinjiejie", "lead@example.cn");
        var outbox = new EmailOutbox(Configured);
        for (var i = 0; i < 30; i++)
        {
            await EnqueueAsync(db, outbox, lead, $"通知 {i}", "正文");
        }
        var store = new EmailOutboxStore(db.Factory);
        var now = db.Clock.Now.AddMinutes(1);

        var claims = await Task.WhenAll(
            Task.Run(() => store.ClaimDueAsync("server-a", now, TimeSpan.FromMinutes(5), 30)),
            Task.Run(() => store.ClaimDueAsync("server-b", now, TimeSpan.FromMinutes(5), 30)));

        var a = claims[0].Select(m => m.Id).ToHashSet();
        var b = claims[1].Select(m => m.Id).ToHashSet();
        Assert.Empty(a.Intersect(b));
        Assert.Equal(30, a.Count + b.Count);
        // While the claims last nobody else gets them; after the lease any server may take them again.
        Assert.Empty(await store.ClaimDueAsync("server-c", now.AddMinutes(4), TimeSpan.FromMinutes(5), 30));
        Assert.Equal(30, (await store.ClaimDueAsync("server-c", now.AddMinutes(6), TimeSpan.FromMinutes(5), 30)).Count);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MarkFailed_CountsTheAttempt_KeepsTheErrorCutToItsColumn_AndWaitsBeforeTheNextTry(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider);
        var lead = await WithEmailAsync(db, "jinjiejie", "lead@example.cn");
        await EnqueueAsync(db, new EmailOutbox(Configured), lead, "主题", "正文");
        var store = new EmailOutboxStore(db.Factory);
        var now = db.Clock.Now;
        var message = Assert.Single(await store.ClaimDueAsync("server-a", now, TimeSpan.FromMinutes(5), 10));

        await store.MarkFailedAsync(message, "server-a", now, "连接被拒绝" + new string('x', 2000), 60);

        await using var conn = await db.Factory.OpenAsync();
        var row = await conn.QuerySingleAsync<(int Attempts, string LastError, DateTime NextAttemptAt, DateTime? ClaimedUntil, DateTime? SentAt)>(
            "SELECT Attempts, LastError, NextAttemptAt, ClaimedUntil, SentAt FROM EmailOutbox;");
        Assert.Equal(1, row.Attempts);
        Assert.Equal(EmailOutboxStore.ErrorMaxLength, row.LastError.Length);
        Assert.StartsWith("连接被拒绝", row.LastError);
        Assert.Equal(now.AddMinutes(1), row.NextAttemptAt);
        Assert.Null(row.ClaimedUntil);
        Assert.Null(row.SentAt);
        Assert.Empty(await store.ClaimDueAsync("server-a", now.AddSeconds(59), TimeSpan.FromMinutes(5), 10));
        Assert.Single(await store.ClaimDueAsync("server-a", now.AddMinutes(1), TimeSpan.FromMinutes(5), 10));
    }

    [Fact]
    public async Task TheDueQuery_SeeksTheDueIndex_WhichHoldsOnlyUnsentMessages()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var conn = await db.Factory.OpenAsync();

        var plan = string.Join("\n", (await conn.QueryAsync<(long, long, long, string Detail)>(
            "EXPLAIN QUERY PLAN " + EmailOutboxStore.DueSqlite, new { Now = db.Clock.Now, Batch = 20 })).Select(r => r.Detail));

        Assert.Contains("IX_EmailOutbox_Due", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(40, 60)]
    public void Backoff_DoublesFromOneMinute_UpToTheCap(int attemptsBefore, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), EmailOutboxStore.Backoff(attemptsBefore, 60));

    private static async Task<int> WithEmailAsync(TestDatabase db, string userName, string email)
    {
        var id = (await new UserQueries(db.Factory).FindByUserNameAsync(userName))!.Id;
        await using var conn = await db.Factory.OpenAsync();
        await conn.ExecuteAsync("UPDATE AppUser SET Email = @email WHERE Id = @id;", new { email, id });
        return id;
    }

    private static async Task<bool> EnqueueAsync(TestDatabase db, EmailOutbox outbox, int userId, string subject, string body, string? link = null)
    {
        var queued = false;
        await WriteTransaction.RunAsync(db.Factory, db.Clock, await db.ActorAsync("shuji"), null, async w =>
        {
            queued = await outbox.EnqueueAsync(w, userId, subject, body, link);
            return CommandResult.Success();
        });
        return queued;
    }

    private static async Task<int> CountAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM EmailOutbox;");
    }
}
