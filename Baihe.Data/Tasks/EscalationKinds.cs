namespace Baihe.Data.Tasks;

/// <summary>The escalations of a task (<c>TaskEscalation.Kind</c>) and their Chinese names.</summary>
public static class EscalationKinds
{
    /// <summary>催办: a share of the stage's time is gone and the stage has not moved.</summary>
    public const string Remind = "Remind";

    /// <summary>督办: the due time has passed.</summary>
    public const string Supervise = "Supervise";

    /// <summary>催办 or 督办; null for no escalation.</summary>
    public static string? Label(string? kind) => kind switch
    {
        Remind => "催办",
        Supervise => "督办",
        _ => null,
    };
}
