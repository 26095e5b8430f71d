namespace Baihe.Data.Reports;

/// <summary>
/// A community as the export rule needs it: its id, its sub-district and its teams (a lead may export the roster of a
/// team of this community).
/// </summary>
public sealed record ReportTarget(int CommunityId, int SubDistrictId, IReadOnlyList<int> TeamIds);
