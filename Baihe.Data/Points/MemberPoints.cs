
namespace Baihe.Data.Points;

/// <summary>A member's points page: balance, earnings by area this year, teams and recent history.</summary>
public sealed record MemberPoints(PointsMember Member, int Balance, IReadOnlyList<AreaEarned> ByArea, IReadOnlyList<string> Teams, IReadOnlyList<LedgerRow> History);
