namespace Baihe.Data.Tasks;

/// <summary>A named resident a task is assigned to, and whether they were credited for it.</summary>
public sealed record Assignee
{
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public bool Credited { get; init; }
}
