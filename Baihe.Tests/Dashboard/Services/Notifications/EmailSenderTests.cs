using System.Net;
using System.Text;
using Baihe.Dashboard.Services.Notifications;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace Baihe.Tests.Dashboard.Services.Notifications;

/// <summary>
/// The sender against a real SMTP server (netDumbster) that each test starts on a free local port, stops and starts
/// again, over a real SQLite file. Time is a <see cref="FakeTimeProvider"/>: a test moves it past a backoff instead of
/// waiting for one.
/// </summary>
public sealed class EmailSenderTests : IAsyncLifetime
{
    private readonly int _port = FreePort.Next();
    private readonly FakeTimeProvider _time = new(FixedTimeProvider.Default);
    private TestDatabase _db = null!;
    private SimpleSmtpServer? _smtp;

    public async Task InitializeAsync() => _db = await TestDatabase.WithAccountsAsync();

    public async Task DisposeAsync()
    {
        _smtp?.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task AQueuedMessage_IsDelivered_ToItsAddress_WithTheChineseSubjectBodyAndLink()
    {
        StartSmtp();
        var lead = await WithEmailAsync("jinjiejie", "jin.jiejie@example.cn");
        await EnqueueAsync(lead, "【催办】楼道灯不亮", "任务「楼道灯不亮」已过半时限，请尽快处理。", "/tasks/7");

        var sent = await Sender().SendDueAsync();

        Assert.Equal(1, sent);
        var received = Assert.Single(_smtp!.ReceivedEmail);
        var mime = Parse(received);
        Assert.Equal("jin.jiejie@example.cn", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Equal("noreply@baihe.example.cn", Assert.Single(mime.From.Mailboxes).Address);
        Assert.Equal("百合园社区", Assert.Single(mime.From.Mailboxes).Name);
        Assert.Equal("【催办】楼道灯不亮", mime.Subject);
        Assert.Equal("utf-8", Assert.IsType<TextPart>(mime.Body).ContentType.Charset?.ToLowerInvariant());
        Assert.Contains("任务「楼道灯不亮」已过半时限，请尽快处理。", mime.TextBody);
        Assert.Contains("查看详情：https://baihe.example.cn/tasks/7", mime.TextBody);
        var row = await RowsAsync();
        Assert.NotNull(Assert.Single(row).SentAt);
        Assert.Equal(0, row[0].Attempts);
    }

    [Fact]
    public async Task WhileSmtpIsDown_MessagesStayWithAttemptsAndError_AndWhenItComesBack_EachIsDeliveredOnce()
    {
        var lead = await WithEmailAsync("jinjiejie", "lead@example.cn");
        var secretary = await WithEmailAsync("shuji", "shuji@example.cn");
        await EnqueueAsync(lead, "任务已指派给金姐姐", "请查看。");
        await EnqueueAsync(secretary, "任务已超时，转为督办", "请查看。");
        var sender = Sender();

        // Nothing listens on the port: the pass sends nothing and loses nothing.
        Assert.Equal(0, await sender.SendDueAsync());
        var rows = await RowsAsync();
        Assert.All(rows, r =>
        {
            Assert.Null(r.SentAt);
            Assert.Equal(1, r.Attempts);
            Assert.False(string.IsNullOrWhiteSpace(r.LastError));
        });
        // Not due again before the backoff: another pass right away attempts nothing.
        Assert.Equal(0, await sender.SendDueAsync());
        Assert.All(await RowsAsync(), r => Assert.Equal(1, r.Attempts));

        // Still down a minute later: the second failure doubles the wait.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sender.SendDueAsync());
        var now = new BaiheClock(_time).Now;
        Assert.All(await RowsAsync(), r =>
        {
            Assert.Equal(2, r.Attempts);
            Assert.Equal(now.AddMinutes(2), r.NextAttemptAt);
        });

        StartSmtp();
        Assert.Equal(0, await sender.SendDueAsync());
        Assert.Equal(0, _smtp!.ReceivedEmailCount);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(2, await sender.SendDueAsync());

        // Later passes find nothing more to send.
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await sender.SendDueAsync());
        Assert.Equal(2, _smtp.ReceivedEmailCount);
        Assert.Equal(["lead@example.cn", "shuji@example.cn"], _smtp.ReceivedEmail.Select(m => Parse(m).To.Mailboxes.Single().Address).Order());
        Assert.All(await RowsAsync(), r =>
        {
            Assert.NotNull(r.SentAt);
            Assert.Equal(2, r.Attempts);
        });
    }

    [Fact]
    public async Task ServerStoppedAfterOneDelivery_TheNextMessageWaits_AndIsDeliveredWhenTheServerIsBack()
    {
        StartSmtp();
        var lead = await WithEmailAsync("jinjiejie", "lead@example.cn");
        await EnqueueAsync(lead, "第一封", "正文");
        var sender = Sender();
        Assert.Equal(1, await sender.SendDueAsync());

        _smtp!.Stop();
        await EnqueueAsync(lead, "第二封", "正文");
        Assert.Equal(0, await sender.SendDueAsync());
        Assert.Equal(1, (await RowsAsync()).Count(r => r.SentAt is null && r.Attempts == 1));

        _smtp.Dispose();
        StartSmtp();
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await sender.SendDueAsync());
        Assert.Equal("第二封", Parse(Assert.Single(_smtp!.ReceivedEmail)).Subject);
        Assert.All(await RowsAsync(), r => Assert.NotNull(r.SentAt));
    }

    [Fact]
    public async Task TwoSendersOverOneDatabase_DeliverEachMessageExactlyOnce()
    {
        StartSmtp();
        var lead = await WithEmailAsync("jinjiejie", "lead@example.cn");
        for (var i = 0; i < 40; i++)
        {
            await EnqueueAsync(lead, $"通知 {i}", $"第 {i} 条通知。");
        }
        var a = Sender(batchSize: 5);
        var b = Sender(batchSize: 5);

        var sent = await Task.WhenAll(Task.Run(() => a.SendDueAsync()), Task.Run(() => b.SendDueAsync()));

        Assert.Equal(40, sent.Sum());
        await WaitForAsync(() => _smtp!.ReceivedEmailCount >= 40);
        var subjects = _smtp!.ReceivedEmail.Select(m => Parse(m).Subject).ToList();
        Assert.Equal(40, subjects.Count);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"通知 {i}").Order(), subjects.Order());
        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
        Assert.Subset(new HashSet<string?> { a.Holder, b.Holder }, rows.Select(r => r.ClaimedBy).ToHashSet());
    }

    [Fact]
    public async Task AMessageClaimedByAServerThatDied_IsSentByAnotherOnceTheClaimRunsOut()
    {
        StartSmtp();
        var lead = await WithEmailAsync("jinjiejie", "lead@example.cn");
        await EnqueueAsync(lead, "通知", "正文");
        var now = new BaiheClock(_time).Now;
        Assert.Single(await new EmailOutboxStore(_db.Factory).ClaimDueAsync("dead-server", now, TimeSpan.FromMinutes(5), 10));
        var sender = Sender();

        Assert.Equal(0, await sender.SendDueAsync());
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await sender.SendDueAsync());

        Assert.Equal(1, _smtp!.ReceivedEmailCount);
        Assert.Equal(sender.Holder, Assert.Single(await RowsAsync()).ClaimedBy);
    }

    [Fact]
    public async Task APassThatRunsShortOfItsLease_GivesTheRestBackUnsent_AndALaterPassSendsThemOnce()
    {
        StartSmtp();
        var lead = await WithEmailAsync("jinjiejie", "lead@example.cn");
        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync(lead, $"通知 {i}", "正文");
        }
        var sender = Sender();

        // A slow mail server: every reading of the clock finds two more minutes gone, so within the 5-minute lease
        // (less the client's one-minute timeout) only the first message may still start.
        _time.AutoAdvanceAmount = TimeSpan.FromMinutes(2);
        var first = await sender.SendDueAsync();
        _time.AutoAdvanceAmount = TimeSpan.Zero;

        Assert.InRange(first, 1, 2);
        var waiting = (await RowsAsync()).Where(r => r.SentAt is null).ToList();
        Assert.Equal(3 - first, waiting.Count);
        Assert.All(waiting, r => Assert.Equal(0, r.Attempts));
        Assert.Equal(3 - first, await sender.SendDueAsync());
        await WaitForAsync(() => _smtp!.ReceivedEmailCount >= 3);
        Assert.Equal(["通知 0", "通知 1", "通知 2"], _smtp!.ReceivedEmail.Select(m => Parse(m).Subject).Order());
    }

    [Fact]
    public async Task WithoutEmailConfigured_NothingIsQueued_AndTheSenderRunsWithoutErrors()
    {
        var lead = await WithEmailAsync("jinjiejie", "lead@example.cn");
        var outbox = new EmailOutbox(EmailOptions.Disabled);
        await WriteTransaction.RunAsync(_db.Factory, _db.Clock, await _db.ActorAsync("shuji"), null, async w =>
        {
            Assert.False(await outbox.EnqueueAsync(w, lead, "主题", "正文"));
            return CommandResult.Success();
        });
        var log = new LogSink();
        var sender = new EmailSender(new EmailOutboxStore(_db.Factory), EmailOptions.Disabled, new BaiheClock(_time), _time,
            new LoggerFactory([log]).CreateLogger<EmailSender>());

        await sender.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await sender.SendDueAsync());
        await sender.StopAsync(CancellationToken.None);

        Assert.Empty(await RowsAsync());
        // Completed or cancelled by the stop (the host may stop it before it ran), never faulted.
        Assert.False(sender.ExecuteTask?.IsFaulted ?? false, $"{sender.ExecuteTask?.Exception}");
        Assert.DoesNotContain(log.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task TheBackgroundLoop_SendsOnEachPoll_AsTheClockMoves()
    {
        StartSmtp();
        var lead = await WithEmailAsync("jinjiejie", "lead@example.cn");
        var sender = Sender();
        await sender.StartAsync(CancellationToken.None);
        try
        {
            // The first pass runs at start; a message queued after it goes with the next poll.
            await EnqueueAsync(lead, "通知", "正文");
            await WaitForAsync(() =>
            {
                _time.Advance(TimeSpan.FromSeconds(Options().PollSeconds));
                return _smtp!.ReceivedEmailCount == 1;
            });
        }
        finally
        {
            await sender.StopAsync(CancellationToken.None);
        }
        Assert.Equal(1, _smtp!.ReceivedEmailCount);
    }

    private EmailOptions Options(int batchSize = 20) => new()
    {
        Host = "127.0.0.1",
        Port = _port,
        From = "百合园社区 <noreply@baihe.example.cn>",
        Security = SmtpSecurity.None,
        BaseUrl = "https://baihe.example.cn",
        BatchSize = batchSize,
    };

    private EmailSender Sender(int batchSize = 20) =>
        new(new EmailOutboxStore(_db.Factory), Options(batchSize), new BaiheClock(_time), _time, NullLogger<EmailSender>.Instance);

    private void StartSmtp() => _smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(_port).Build();

    /// <summary>The message as a mail client reads it: MIME decoded (base64 or quoted-printable, UTF-8 headers).</summary>
    private static MimeMessage Parse(SmtpMessage received) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));

    private async Task<int> WithEmailAsync(string userName, string email)
    {
        var id = (await new UserQueries(_db.Factory).FindByUserNameAsync(userName))!.Id;
        var admin = await _db.ActorAsync("admin");
        Assert.True((await new UserCommands(_db.Factory, _db.Clock).SetEmailAsync(admin, id, email, true)).Ok);
        return id;
    }

    // Queued at the fake clock's time, as the write that causes a notification would queue it.
    private async Task EnqueueAsync(int userId, string subject, string body, string? link = null)
    {
        var outbox = new EmailOutbox(Options());
        await WriteTransaction.RunAsync(_db.Factory, new BaiheClock(_time), await _db.ActorAsync("shuji"), null, async w =>
        {
            Assert.True(await outbox.EnqueueAsync(w, userId, subject, body, link));
            return CommandResult.Success();
        });
    }

    private async Task<List<OutboxRow>> RowsAsync()
    {
        await using var conn = await _db.Factory.OpenAsync();
        return (await conn.QueryAsync<OutboxRow>("SELECT Id, Attempts, LastError, NextAttemptAt, SentAt, ClaimedBy FROM EmailOutbox ORDER BY Id;")).AsList();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // Bounded polling for what another thread (the SMTP server's session, the hosted loop) finishes.
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }
        Assert.True(condition(), "condition not met within 5 s");
    }

    private sealed record OutboxRow
    {
        public int Id { get; init; }
        public int Attempts { get; init; }
        public string? LastError { get; init; }
        public DateTime NextAttemptAt { get; init; }
        public DateTime? SentAt { get; init; }
        public string? ClaimedBy { get; init; }
    }
}
