namespace Baihe.Data.Tasks;

/// <summary>How long each urgency gives until the task is due; configurable as <c>Tasks:DueHours:*</c>.</summary>
public sealed record TaskDueHours(int Urgent = 2, int High = 24, int Normal = 72)
{
    public TimeSpan For(string urgency) => TimeSpan.FromHours(urgency switch
    {
        "Urgent" => Urgent,
        "High" => High,
        _ => Normal,
    });
}
