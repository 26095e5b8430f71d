
namespace Baihe.Data.Database;

/// <summary>A change version per area (Roster, Points, Tasks, Wishes), bumped by every write transaction.</summary>
public sealed record AreaVersion
{
    public string Area { get; init; } = "";
    public long Version { get; init; }
}
