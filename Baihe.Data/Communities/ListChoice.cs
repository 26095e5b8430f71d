namespace Baihe.Data.Communities;

/// <summary>A grid or team a list can be narrowed to: its id for the link and its name for the menu.</summary>
public sealed record ListChoice
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
}
