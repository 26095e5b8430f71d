namespace Baihe.Data.Reports;

/// <summary>
/// What an export may contain for an actor: the whole community, one team's roster only, or (with
/// <see cref="SubDistrictId"/>) every community of a sub-district rolled up into one workbook.
/// </summary>
public sealed record ExportScope(int CommunityId, int? RosterOnlyTeamId, bool FullPhones)
{
    /// <summary>Set for a sub-district roll-up; <see cref="CommunityId"/> is then 0.</summary>
    public int? SubDistrictId { get; init; }

    /// <summary>The roll-up of a sub-district, phones masked as officials see them.</summary>
    public static ExportScope SubDistrict(int subDistrictId) => new(0, null, FullPhones: false) { SubDistrictId = subDistrictId };
}
