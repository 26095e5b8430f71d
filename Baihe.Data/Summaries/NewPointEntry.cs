namespace Baihe.Data.Summaries;

/// <summary>
/// One ledger entry to append: the member, the area, the points (negative for a redemption or a correction), the day
/// it happened, where it came from (<c>Service</c>, <c>Activity</c>, <c>Task</c>, <c>Wish</c>, <c>Redemption</c>,
/// <c>Correction</c>) and the one record it belongs to, if any.
/// </summary>
public sealed record NewPointEntry(int MemberId, int CategoryId, int Points, DateTime OccurredOn, string Source)
{
    /// <summary>The earning rule used (一次一积分), if any.</summary>
    public int? RuleId { get; init; }

    /// <summary>The event whose attendance earned it.</summary>
    public int? ActivityId { get; init; }

    /// <summary>The 民呼我应 task whose closing credited it.</summary>
    public int? TaskId { get; init; }

    /// <summary>The 微心愿 whose fulfilment credited it.</summary>
    public int? WishId { get; init; }

    /// <summary>The redemption it pays for.</summary>
    public int? RedemptionId { get; init; }

    /// <summary>The entry this one reverses (冲正).</summary>
    public long? ReversesEntryId { get; init; }

    /// <summary>The account that recorded it; null for a demo or system write.</summary>
    public int? RecordedByUserId { get; init; }

    /// <summary>What the entry was for, shown in the ledger.</summary>
    public string? Note { get; init; }
}
