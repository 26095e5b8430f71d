namespace Baihe.Data.Notifications;

/// <summary>One notification as the bell and the list show it.</summary>
public sealed record NotificationRow
{
    public int Id { get; init; }
    public int UserId { get; init; }
    public string Kind { get; init; } = "";
    public string Title { get; init; } = "";
    public string Body { get; init; } = "";
    public string Link { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? ReadAt { get; init; }

    public bool IsRead => ReadAt is not null;

    /// <summary>What <see cref="NotificationRules"/> needs to decide whether the viewer may mark it.</summary>
    public NotificationOwner Owner => new() { Id = Id, UserId = UserId };
}
