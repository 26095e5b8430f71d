namespace Baihe.Data.Wishes;

/// <summary>A 微心愿 in the list.</summary>
public sealed record WishRow
{
    public int Id { get; init; }
    public string WisherName { get; init; } = "";
    public string WisherKind { get; init; } = "";
    public string Content { get; init; } = "";
    public int? EstimatedValue { get; init; }
    public string Status { get; init; } = "";
    public string Grid { get; init; } = "";
    public string? Claimant { get; init; }
    public DateTime PublishedAt { get; init; }
    public DateTime? FulfilledAt { get; init; }
}
