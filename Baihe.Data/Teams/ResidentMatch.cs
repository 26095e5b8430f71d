
namespace Baihe.Data.Teams;

/// <summary>A resident found by name or phone, to add to a roster.</summary>
public sealed record ResidentMatch
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public string? Phone { get; init; }
    public string Grid { get; init; } = "";
}
