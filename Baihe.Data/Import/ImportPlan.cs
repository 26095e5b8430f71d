namespace Baihe.Data.Import;

/// <summary>
/// What committing a checked file writes. A new membership names its resident either by an existing id or by the index
/// of a new resident in <see cref="NewResidents"/> (whose id exists only once it is inserted).
/// </summary>
internal sealed record ImportPlan(
    IReadOnlyList<ImportPlan.Resident> NewResidents,
    IReadOnlyList<ImportPlan.Resident> UpdatedResidents,
    IReadOnlyList<ImportPlan.Membership> NewMemberships,
    ImportCounts Counts,
    IReadOnlyList<ImportProblem> Problems)
{
    internal sealed record Resident(int? Id, string Name, string? Phone, int GridId, bool IsPartyMember, bool IsNeighbourLead, string? Skill);

    internal sealed record Membership(int? MemberId, int? NewResidentIndex, int TeamId, string Role, DateTime JoinedOn);
}
