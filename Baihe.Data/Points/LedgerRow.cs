
namespace Baihe.Data.Points;

/// <summary>One ledger row in a member's history.</summary>
public sealed record LedgerRow
{
    public long Id { get; init; }
    public DateTime OccurredOn { get; init; }
    public string Area { get; init; } = "";
    public int Points { get; init; }
    public string Source { get; init; } = "";
    public string? Note { get; init; }
    public string? RecordedBy { get; init; }
    public bool Reversed { get; init; }
}
