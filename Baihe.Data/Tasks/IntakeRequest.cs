namespace Baihe.Data.Tasks;

/// <summary>收集信息: what the resident (or the grid member on their behalf) reported.</summary>
public sealed record IntakeRequest
{
    public int GridId { get; init; }
    public int? ResidentId { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public string Source { get; init; } = "GridVisit";
    public int? DeliberationId { get; init; }
    public string? PhotoPath { get; init; }

    /// <summary>Set after the user has seen the possible-duplicate warning and still wants a new task.</summary>
    public bool ConfirmDuplicate { get; init; }
}
