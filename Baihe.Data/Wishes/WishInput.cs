namespace Baihe.Data.Wishes;

/// <summary>A new 微心愿, usually entered by staff for an elderly person or a child in difficulty.</summary>
public sealed record WishInput(int GridId, string? WisherName, string WisherKind, string? Content, int? EstimatedValue, int? WisherMemberId = null);
