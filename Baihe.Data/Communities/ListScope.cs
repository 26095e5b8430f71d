namespace Baihe.Data.Communities;

/// <summary>
/// The grids and teams a community's list can be narrowed to, and what became of the grid and team its link asked
/// for: accepted (<see cref="GridId"/>, <see cref="TeamId"/>), unknown (a Chinese entry in <see cref="Problems"/>, that
/// filter dropped), or belonging to another community (<see cref="Refusal"/>: the list must show nothing).
/// </summary>
public sealed record ListScope(IReadOnlyList<ListChoice> Grids, IReadOnlyList<ListChoice> Teams, int? GridId, int? TeamId,
    IReadOnlyList<string> Problems, string? Refusal)
{
    /// <summary>A grid of another community.</summary>
    public const string GridRefused = "这个网格不属于当前社区，或您无权查看它。请从筛选栏重新选择网格。";

    /// <summary>A team of another community.</summary>
    public const string TeamRefused = "这支队伍不属于当前社区，或您无权查看它。请从筛选栏重新选择队伍。";
}
