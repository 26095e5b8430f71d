using Baihe.Data.Communities;

namespace Baihe.Data.Dashboard;

/// <summary>
/// A filter resolved against the actor: the sub-district shown, the communities of it the actor may read (one row per
/// community in the district comparison), the community when the view is one community's (null on the district view),
/// and the grid when one is chosen (always a grid of <see cref="Community"/>).
/// </summary>
public sealed record DashboardScope(
    int SubDistrictId,
    string SubDistrict,
    IReadOnlyList<CommunityRow> Communities,
    CommunityRow? Community,
    int? GridId,
    string? Grid,
    DashboardFilter Filter)
{
    /// <summary>Whether a community lies in this scope (a bucket naming another one is refused).</summary>
    public bool Includes(int communityId) => Communities.Any(c => c.Id == communityId);
}
