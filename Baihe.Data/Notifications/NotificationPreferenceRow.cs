namespace Baihe.Data.Notifications;

/// <summary>Whether a user receives one kind of notification.</summary>
public sealed record NotificationPreferenceRow
{
    public string Kind { get; init; } = "";
    public bool Enabled { get; init; }
}
