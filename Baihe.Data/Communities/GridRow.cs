
namespace Baihe.Data.Communities;

/// <summary>A grid (网格) of a community.</summary>
public sealed record GridRow
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public int Residents { get; init; }
    public int NeighbourLeads { get; init; }
}
