
namespace Baihe.Data.Communities;

/// <summary>The community's profile: where it is, its honours and its grids.</summary>
public sealed record CommunityProfile(CommunityRow Community, IReadOnlyList<string> Honours, IReadOnlyList<GridRow> Grids);
