using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Baihe.Data.Notifications;

/// <summary>
/// Email settings: section <c>Notifications:Smtp</c> (Host, Port, From, UserName, Password, Security) and
/// <c>Notifications:BaseUrl</c>, the address users open the dashboard at, for the link in each message. Email is on
/// only when Host and From are set: otherwise nothing is queued and no sender runs.
/// </summary>
public sealed record EmailOptions
{
    /// <summary>No email: what a server without <c>Notifications:Smtp</c> runs with.</summary>
    public static readonly EmailOptions Disabled = new();

    public string? Host { get; init; }

    public int Port { get; init; } = 587;

    /// <summary>The sender, as an address or <c>名称 &lt;address&gt;</c>.</summary>
    public string? From { get; init; }

    /// <summary>Null when the server takes mail without signing in (a local relay).</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>Where users open the dashboard (<c>https://baihe.example.cn</c>), for the link to the record; no link without it.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>How often each server's sender looks for due messages.</summary>
    public int PollSeconds { get; init; } = 30;

    /// <summary>How many messages one pass claims at most.</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>
    /// How long a claim keeps other servers off a message (at least 2). A send must fit in it with the client's one-minute
    /// timeout to spare, or the message is given back unsent; a server that dies holding a claim delays that message by as much.
    /// </summary>
    public int LeaseMinutes { get; init; } = 5;

    /// <summary>The longest wait between two attempts; the wait doubles from one minute up to this.</summary>
    public int MaxBackoffMinutes { get; init; } = 60;

    /// <summary>Whether email is configured at all.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    /// <summary>Everything but the password, which must never reach a log.</summary>
    public override string ToString() =>
        $"EmailOptions {{ Host = {Host}, Port = {Port}, From = {From}, UserName = {UserName}, Security = {Security}, BaseUrl = {BaseUrl} }}";

    /// <summary>Reads <c>Notifications:Smtp:*</c> and <c>Notifications:BaseUrl</c>; a bad number or security name stops start-up with its key.</summary>
    public static EmailOptions Read(IConfiguration configuration)
    {
        var smtp = configuration.GetSection("Notifications:Smtp");
        int Number(string key, int fallback, int min)
        {
            var text = smtp[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new InvalidOperationException($"Notifications:Smtp:{key} must be a whole number of at least {min}, not '{text}'.");
        }
        var securityText = smtp["Security"];
        var security = SmtpSecurity.StartTls;
        if (!string.IsNullOrWhiteSpace(securityText)
            && (!Enum.TryParse(securityText, ignoreCase: true, out security) || !Enum.IsDefined(security)))
        {
            throw new InvalidOperationException($"Notifications:Smtp:Security must be None, StartTls or SslOnConnect, not '{securityText}'.");
        }
        static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return new EmailOptions
        {
            Host = Text(smtp["Host"]),
            Port = Number("Port", security == SmtpSecurity.SslOnConnect ? 465 : security == SmtpSecurity.StartTls ? 587 : 25, 1),
            From = Text(smtp["From"]),
            UserName = Text(smtp["UserName"]),
            Password = smtp["Password"],
            Security = security,
            BaseUrl = Text(configuration["Notifications:BaseUrl"])?.TrimEnd('/'),
            PollSeconds = Number("PollSeconds", 30, 1),
            BatchSize = Number("BatchSize", 20, 1),
            LeaseMinutes = Number("LeaseMinutes", 5, 2),
            MaxBackoffMinutes = Number("MaxBackoffMinutes", 60, 1),
        };
    }
}
