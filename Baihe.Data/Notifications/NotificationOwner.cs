namespace Baihe.Data.Notifications;

/// <summary>What <see cref="NotificationRules"/> needs to know about a notification: whose it is.</summary>
public sealed record NotificationOwner(int Id, int UserId);
