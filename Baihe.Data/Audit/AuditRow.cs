namespace Baihe.Data.Audit;

/// <summary>One audit row as the viewer reads it, with the name of the community it is about (null: none).</summary>
public sealed record AuditRow
{
    public long Id { get; init; }
    public DateTime OccurredAt { get; init; }
    public int? UserId { get; init; }
    public string UserName { get; init; } = "";
    public string Action { get; init; } = "";
    public string EntityType { get; init; } = "";
    public string? EntityId { get; init; }
    public string? BeforeJson { get; init; }
    public string? AfterJson { get; init; }
    public int? CommunityId { get; init; }
    public string? CommunityName { get; init; }
}
