
namespace Baihe.Data.Points;

/// <summary>
/// A resident found on 积分兑换 to redeem for: who they are (name, grid, the last four digits of their phone so two
/// people of one name can be told apart), their balance, and the scope the page asks <see cref="PointsRules.CanActFor"/> with.
/// </summary>
public sealed record RedeemableMember
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Grid { get; init; } = "";
    public string? PhoneTail { get; init; }
    public int CommunityId { get; init; }
    public int? HomeTeamId { get; init; }
    public int Balance { get; init; }
}
