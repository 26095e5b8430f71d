namespace Baihe.Data.Overview;

/// <summary>The active roster size of one team.</summary>
public sealed record TeamSize
{
    public int TeamId { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public int Members { get; init; }
}
