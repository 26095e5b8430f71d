namespace Baihe.Data.Accounts;

/// <summary>An account's email address and its 同时发送邮件 switch.</summary>
public sealed record UserEmail
{
    public string? Email { get; init; }
    public bool EmailNotifications { get; init; }
}
