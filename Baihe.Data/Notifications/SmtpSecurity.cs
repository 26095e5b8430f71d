namespace Baihe.Data.Notifications;

/// <summary>How the sender secures its SMTP connection (<c>Notifications:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP: only for a relay on the same host or a private network.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS (port 587); refused if the server cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
