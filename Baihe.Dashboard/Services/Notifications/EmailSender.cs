using System.Text;
using Baihe.Data.Database;
using Baihe.Data.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace Baihe.Dashboard.Services.Notifications;

/// <summary>
/// Delivers the email outbox, in every server: each pass claims due messages (<see cref="EmailOutboxStore.ClaimDueAsync"/>,
/// a conditional UPDATE per message, so two servers never take the same one), sends them over one SMTP connection,
/// and marks each sent, or failed with its error and a later retry. When the server cannot be reached the pass stops
/// after marking what it had claimed, and the messages wait for the backoff; nothing is deleted. Time comes from
/// <see cref="TimeProvider"/>, so tests move it; <see cref="SendDueAsync"/> is one pass, for tests and for the loop.
/// </summary>
public sealed class EmailSender(EmailOutboxStore store, EmailOptions options, BaiheClock clock, TimeProvider time, ILogger<EmailSender> log) : BackgroundService
{
    /// <summary>How long one SMTP command may take; well inside the claim's lease, so a slow send is not sent again by another server.</summary>
    public static readonly TimeSpan SmtpTimeout = TimeSpan.FromMinutes(1);

    /// <summary>This sender's name in <c>ClaimedBy</c>: unique per process and instance, so two senders never share a claim.</summary>
    public string Holder { get; } = TextInput.Cut($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", EmailOutboxStore.HolderMaxLength);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        log.LogInformation("Email notifications on: {Options}", options);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SendDueAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database away for a moment: the next pass tries again; the messages are still in the outbox.
                    log.LogError(e, "An email pass failed; the next one tries again");
                }
                await Task.Delay(TimeSpan.FromSeconds(options.PollSeconds), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: claims and sends due messages, batch after batch, until none is due; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        if (!options.Enabled)
        {
            return 0;
        }
        var sent = 0;
        while (true)
        {
            var claimedAt = clock.Now;
            var batch = await store.ClaimDueAsync(Holder, claimedAt, TimeSpan.FromMinutes(options.LeaseMinutes), options.BatchSize, ct);
            if (batch.Count == 0)
            {
                return sent;
            }
            // A send must finish while the claim still keeps other servers off the message; one that would start too
            // late is given back instead (see the loop).
            var (delivered, reachable, gaveBack) = await SendBatchAsync(batch, claimedAt + TimeSpan.FromMinutes(options.LeaseMinutes) - SmtpTimeout, ct);
            sent += delivered;
            // A short batch does not mean the outbox is empty: another server may have claimed the rest of the due
            // messages this pass read. So a pass ends when a claim gets nothing, when the server cannot be reached, or
            // when a slow server made it give messages back (they wait for the next pass rather than be claimed again).
            if (!reachable || gaveBack)
            {
                return sent;
            }
        }
    }

    private async Task<(int Sent, bool Reachable, bool GaveBack)> SendBatchAsync(IReadOnlyList<OutboxMessage> batch, DateTime lastStart, CancellationToken ct)
    {
        var sent = 0;
        var gaveBack = false;
        string? unreachable = null;
        using var client = new SmtpClient { Timeout = (int)SmtpTimeout.TotalMilliseconds };
        try
        {
            foreach (var message in batch)
            {
                if (unreachable is not null)
                {
                    await store.MarkFailedAsync(message, Holder, clock.Now, unreachable, options.MaxBackoffMinutes, ct);
                    continue;
                }
                if (clock.Now > lastStart)
                {
                    // A slow server ate the lease: sending now could overlap another server that claims it after the
                    // lease, and send it twice. Give it back unsent, without counting an attempt.
                    await store.ReleaseAsync(message.Id, Holder, ct);
                    gaveBack = true;
                    continue;
                }
                try
                {
                    if (!client.IsConnected)
                    {
                        await ConnectAsync(client, ct);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    unreachable = Describe(e);
                    log.LogWarning("The SMTP server {Host}:{Port} could not be reached ({Error}); the outbox waits", options.Host, options.Port, unreachable);
                    await store.MarkFailedAsync(message, Holder, clock.Now, unreachable, options.MaxBackoffMinutes, ct);
                    continue;
                }
                try
                {
                    await client.SendAsync(Build(message), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // This message only (a refused address, a dropped connection): the next one reconnects if need be.
                    log.LogWarning("Email {Id} was not sent: {Error}", message.Id, Describe(e));
                    await store.MarkFailedAsync(message, Holder, clock.Now, Describe(e), options.MaxBackoffMinutes, ct);
                    continue;
                }
                sent++;
                if (!await store.MarkSentAsync(message.Id, Holder, clock.Now, ct))
                {
                    log.LogWarning("Email {Id} was sent after this server's claim ran out; another server may send it too", message.Id);
                }
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(true, CancellationToken.None);
                }
                catch (Exception e)
                {
                    log.LogDebug(e, "SMTP QUIT failed after the messages were handed over");
                }
            }
        }
        return (sent, unreachable is null, gaveBack);
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        var security = options.Security switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(options.Host!, options.Port, security, ct);
        if (options.UserName is { } user)
        {
            await client.AuthenticateAsync(user, options.Password ?? "", ct);
        }
    }

    /// <summary>The MIME message of a queued email: UTF-8 plain text, the subject encoded for any client.</summary>
    internal MimeMessage Build(OutboxMessage message)
    {
        var from = MailboxAddress.Parse(options.From!);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = time.GetUtcNow(),
            // The same id on every attempt: a receiving system that saw it once may drop a repeat.
            MessageId = $"baihe-outbox-{message.Id}@{Domain(from.Address)}",
        };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.ToAddress));
        var body = new TextPart(TextFormat.Plain);
        body.SetText(Encoding.UTF8, message.Body);
        mime.Body = body;
        return mime;
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..] is { Length: > 0 } d ? d : "localhost";

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"{c.StatusCode} ({(int)c.StatusCode}): {c.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
