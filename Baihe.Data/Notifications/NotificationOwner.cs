namespace Baihe.Data.Notifications;

/// <summary>What <see cref="NotificationRules"/> needs to know about a notification: whose it is.</summary>
public sealed record NotificationOwner
{
    public int Id { get; init; }
    public int UserId { get; init; }
}
