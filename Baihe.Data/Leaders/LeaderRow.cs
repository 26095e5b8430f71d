namespace Baihe.Data.Leaders;

/// <summary>A 百合邻长 with their half-year figures (the period of the leaderboard's 一年两评选).</summary>
public sealed record LeaderRow
{
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public int GridId { get; init; }
    public string Grid { get; init; } = "";
    public string? Skill { get; init; }
    public bool IsPartyMember { get; init; }

    /// <summary>获得积分: the half-year's points as the leaderboard counts them (every entry but redemptions).</summary>
    public int Points { get; init; }

    /// <summary>服务次数: the half-year's ledger entries that earned points (一次一积分: one entry per service).</summary>
    public int Services { get; init; }

    /// <summary>参加活动: of those, the ones earned by signing in at an activity (一场一统计).</summary>
    public int Activities { get; init; }

    /// <summary>兑换次数: rewards the lead asked for in the half-year.</summary>
    public int Redemptions { get; init; }
}
