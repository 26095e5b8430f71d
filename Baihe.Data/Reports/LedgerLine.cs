namespace Baihe.Data.Reports;

/// <summary>A ledger line of the report's 积分明细.</summary>
public sealed record LedgerLine
{
    public DateTime OccurredOn { get; init; }
    public string Name { get; init; } = "";
    public string Grid { get; init; } = "";
    public string Area { get; init; } = "";
    public int Points { get; init; }
    public string Source { get; init; } = "";
    public string? Note { get; init; }
    public string? RecordedBy { get; init; }
}
