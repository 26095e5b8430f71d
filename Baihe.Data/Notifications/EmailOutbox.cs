using Baihe.Data.Database;

namespace Baihe.Data.Notifications;

/// <summary>
/// Queues an email inside the write that causes it. The row is part of the caller's transaction: a write that rolls
/// back sends nothing, and since nothing here talks to an SMTP server, a slow or absent one never delays or fails the
/// write. A sender on every server delivers the rows later (<see cref="EmailOutboxStore"/>).
/// </summary>
public sealed class EmailOutbox(EmailOptions options)
{
    /// <summary>The longest subject stored (<c>EmailOutbox.Subject</c>); a longer one is cut.</summary>
    public const int SubjectMaxLength = 200;

    /// <summary>The longest body stored (<c>EmailOutbox.Body</c>), link and footer included; a longer text is cut before them.</summary>
    public const int BodyMaxLength = 4000;

    /// <summary>The words closing every message: why it came and how to stop it.</summary>
    public const string Footer = "—— 百合园社区服务平台（此邮件由系统自动发送，请勿直接回复。如不想再收到邮件，请登录后在“邮件通知”页关闭“同时发送邮件”。）";

    // One statement both checks and queues: the account must have an address, want mail and be enabled. The address
    // is copied, so a message goes where the account's address pointed when it was written.
    private const string EnqueueSql = """
        INSERT INTO EmailOutbox (UserId, ToAddress, Subject, Body, CreatedAt, Attempts, NextAttemptAt)
        SELECT u.Id, u.Email, @Subject, @Body, @Now, 0, @Now
        FROM AppUser u
        WHERE u.Id = @UserId AND u.Email IS NOT NULL AND u.EmailNotifications = 1 AND u.IsDisabled = 0;
        """;

    /// <summary>Whether email is configured, so callers can skip composing a message nobody will send.</summary>
    public bool Enabled => options.Enabled;

    /// <summary>
    /// Queues a message to <paramref name="userId"/> in <paramref name="w"/>'s transaction, when email is configured and the
    /// account has an address and wants mail; true when a row was written. <paramref name="link"/> is the record's path
    /// in the dashboard (<c>/tasks/12</c>), added to the body as a full address when <c>Notifications:BaseUrl</c> is set.
    /// Subject and body are system-composed text: too long is cut, never refused, so a notification never fails its write.
    /// </summary>
    public async Task<bool> EnqueueAsync(WriteScope w, int userId, string subject, string body, string? link = null)
    {
        if (!options.Enabled)
        {
            return false;
        }
        var rows = await w.ExecuteAsync(EnqueueSql, new
        {
            UserId = userId,
            Subject = TextInput.Cut(OneLine(subject), SubjectMaxLength),
            Body = Compose(body, link),
            w.Now,
        });
        return rows == 1;
    }

    /// <summary>The stored body: the caller's text, the link when there is one, and the footer, within <see cref="BodyMaxLength"/>.</summary>
    internal string Compose(string body, string? link)
    {
        var tail = (link is { Length: > 0 } && options.BaseUrl is { } baseUrl
            ? $"\n\n查看详情：{baseUrl}{(link.StartsWith('/') ? "" : "/")}{link}"
            : "") + "\n\n" + Footer;
        return TextInput.Cut(body.Trim(), Math.Max(0, BodyMaxLength - tail.Length)) + tail;
    }

    // A subject is one header line: a line break in it would be folded into another header by some clients.
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
