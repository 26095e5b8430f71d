namespace Baihe.Data.Import;

/// <summary>A resident already in the community's register, as the import compares it.</summary>
internal sealed record ExistingResident
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string? Phone { get; init; }
    public int GridId { get; init; }
    public bool IsPartyMember { get; init; }
    public bool IsNeighbourLead { get; init; }
    public string? Skill { get; init; }
}
