namespace Baihe.Data.Summaries;

/// <summary>Points issued (positive ledger entries) to a community's residents in one area over a period.</summary>
public sealed record AreaPointsRow
{
    /// <summary>The community.</summary>
    public int CommunityId { get; init; }

    /// <summary>The point area (PointCategory id).</summary>
    public int AreaId { get; init; }

    /// <summary>The sum of the positive entries.</summary>
    public int Value { get; init; }
}
