namespace Baihe.Data.Wishes;

/// <summary>A wish with its timeline, for its page.</summary>
public sealed record WishDetail
{
    public int Id { get; init; }
    public int CommunityId { get; init; }
    public string Grid { get; init; } = "";
    public string WisherName { get; init; } = "";
    public string WisherKind { get; init; } = "";
    public string Content { get; init; } = "";
    public int? EstimatedValue { get; init; }
    public string Status { get; init; } = "";
    public string? ClaimantKind { get; init; }
    public string? Claimant { get; init; }
    public int? ClaimedByMemberId { get; init; }
    public int? ClaimedByTeamId { get; init; }
    public DateTime PublishedAt { get; init; }
    public DateTime? ClaimedAt { get; init; }
    public DateTime? FulfilledAt { get; init; }
    public string? FulfilmentNote { get; init; }
    public string? PhotoPath { get; init; }
}
