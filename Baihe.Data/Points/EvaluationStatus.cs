
namespace Baihe.Data.Points;

/// <summary>Evaluation states as stored in <c>Evaluation.Status</c>.</summary>
public static class EvaluationStatus
{
    public const string Draft = "Draft";
    public const string Publicised = "Publicised";
    public const string Archived = "Archived";

    /// <summary>
    /// Whether the result has been made public (公示 or archived after it): only such a result may be printed as a
    /// notice; a draft's shortlist is still the secretary's working list.
    /// </summary>
    public static bool WasPublicised(string status) => status is Publicised or Archived;
}
