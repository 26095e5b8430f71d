namespace Baihe.Data.Reports;

/// <summary>
/// What an archived report covers, as the archive rules need it: one community of a sub-district, or (with
/// <see cref="CommunityId"/> null) the sub-district's roll-up.
/// </summary>
public sealed record ArchivedReportScope(int? CommunityId, int SubDistrictId)
{
    /// <summary>True for a sub-district roll-up.</summary>
    public bool IsRollUp => CommunityId is null;
}
