
namespace Baihe.Data.Points;

/// <summary>A line of a leaderboard. Equal points share a rank (1, 2, 2, 4), so ties are visible.</summary>
public sealed record RankRow
{
    public int Rank { get; init; }
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public string Grid { get; init; } = "";
    public bool IsNeighbourLead { get; init; }
    public int Points { get; init; }
}
