
namespace Baihe.Data.Points;

/// <summary>Evaluation states as stored in <c>Evaluation.Status</c>.</summary>
public static class EvaluationStatus
{
    public const string Draft = "Draft";
    public const string Publicised = "Publicised";
    public const string Archived = "Archived";
}
