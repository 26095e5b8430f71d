namespace Baihe.Data.Communities;

/// <summary>A 百合邻长 of a grid.</summary>
public sealed record GridLead
{
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public string? Skill { get; init; }
}
