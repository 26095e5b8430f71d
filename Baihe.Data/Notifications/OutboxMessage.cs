namespace Baihe.Data.Notifications;

/// <summary>One queued email, as the sender that claimed it reads it.</summary>
public sealed record OutboxMessage
{
    public int Id { get; init; }
    public int UserId { get; init; }
    public string ToAddress { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public DateTime CreatedAt { get; init; }

    /// <summary>Failed attempts so far; the next failure waits twice as long as the last (up to the cap).</summary>
    public int Attempts { get; init; }
}
