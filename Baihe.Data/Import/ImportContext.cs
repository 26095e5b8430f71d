namespace Baihe.Data.Import;

/// <summary>What the check of a file needs to know about the community, read in one go (inside the commit's transaction).</summary>
internal sealed record ImportContext(
    IReadOnlyDictionary<string, int> Grids,
    IReadOnlyDictionary<string, int> Teams,
    IReadOnlyList<ExistingResident> Residents,
    IReadOnlyList<ActiveMembership> Memberships);
