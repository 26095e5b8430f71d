
namespace Baihe.Data.Points;

/// <summary>Points a team's members earned, under the team's brand.</summary>
public sealed record TeamPoints
{
    public string Brand { get; init; } = "";
    public int TeamId { get; init; }
    public string Team { get; init; } = "";
    public int Points { get; init; }
}
