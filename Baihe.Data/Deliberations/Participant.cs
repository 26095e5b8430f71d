namespace Baihe.Data.Deliberations;

/// <summary>A resident who may be recorded at a meeting; 邻长 are offered first.</summary>
public sealed record Participant
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string Grid { get; init; } = "";
    public bool IsNeighbourLead { get; init; }
}
