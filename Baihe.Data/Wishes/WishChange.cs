namespace Baihe.Data.Wishes;

/// <summary>One status change of a wish.</summary>
public sealed record WishChange
{
    public string? FromStatus { get; init; }
    public string ToStatus { get; init; } = "";
    public DateTime ChangedAt { get; init; }
    public string? ChangedBy { get; init; }
    public string? Note { get; init; }
}
