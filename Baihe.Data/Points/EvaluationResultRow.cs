
namespace Baihe.Data.Points;

/// <summary>One shortlisted resident of an evaluation, as snapshotted.</summary>
public sealed record EvaluationResultRow
{
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public int Rank { get; init; }
    public int Points { get; init; }
    public bool IsWinner { get; init; }
}
