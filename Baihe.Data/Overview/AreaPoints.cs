namespace Baihe.Data.Overview;

/// <summary>Points issued in one of the five areas.</summary>
public sealed record AreaPoints
{
    public int CategoryId { get; init; }
    public string Area { get; init; } = "";
    public int Points { get; init; }
}
