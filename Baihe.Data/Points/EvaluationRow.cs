
namespace Baihe.Data.Points;

/// <summary>An evaluation (一年两评选) of one half-year, overall or in one area.</summary>
public sealed record EvaluationRow
{
    public int Id { get; init; }
    public int CommunityId { get; init; }
    public int Year { get; init; }
    public int Half { get; init; }
    public string? Area { get; init; }
    public int ShortlistSize { get; init; }
    public string Status { get; init; } = "";
    public DateTime? PublicityEndsOn { get; init; }
    public DateTime? ArchivedAt { get; init; }
    public int Winners { get; init; }
}
