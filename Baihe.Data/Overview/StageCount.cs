namespace Baihe.Data.Overview;

/// <summary>Tasks currently at one stage.</summary>
public sealed record StageCount
{
    public string Stage { get; init; } = "";
    public int Count { get; init; }
}
