namespace Baihe.Data.Reports;

/// <summary>
/// Which archived reports an actor may list and download: every one (<see cref="All"/>), those of one sub-district
/// (its communities' reports and its roll-up), or those of one community. The history query filters by these same ids.
/// </summary>
public sealed record ArchiveView(bool All, int? SubDistrictId, int? CommunityId)
{
    /// <summary>Whether a report of <paramref name="scope"/> is inside this view.</summary>
    public bool Includes(ArchivedReportScope scope) =>
        All
        || (SubDistrictId is int subDistrict && scope.SubDistrictId == subDistrict)
        || (CommunityId is int community && scope.CommunityId == community);
}
