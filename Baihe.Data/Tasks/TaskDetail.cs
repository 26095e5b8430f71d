namespace Baihe.Data.Tasks;

/// <summary>A task with everything its page shows.</summary>
public sealed record TaskDetail
{
    public int Id { get; init; }
    public int GridId { get; init; }
    public string Grid { get; init; } = "";
    public int CommunityId { get; init; }
    public int? ResidentId { get; init; }
    public string? Resident { get; init; }
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Category { get; init; } = "";
    public string Source { get; init; } = "";
    public string? Urgency { get; init; }
    public string Stage { get; init; } = "";
    public int? AssignedTeamId { get; init; }
    public string? Team { get; init; }
    public int? DeliberationId { get; init; }
    public string? Deliberation { get; init; }
    public DateTime CollectedAt { get; init; }
    public DateTime? DueAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public string? Resolution { get; init; }
    public string? Satisfaction { get; init; }

    /// <summary>解决/部分解决/未解决 (<see cref="TaskCodes.Results"/>): the last feedback's, as the callback confirmed it.</summary>
    public string? Result { get; init; }
    public string? PhotoPath { get; init; }
    public long RowVersion { get; init; }

    /// <summary>The escalation of the current stage: <see cref="EscalationKinds.Remind"/>, <see cref="EscalationKinds.Supervise"/> or null.</summary>
    public string? Escalation { get; init; }

    /// <summary>What <see cref="TaskRules"/> needs to decide which actions this task's page offers.</summary>
    public TaskScope Scope => new(CommunityId, AssignedTeamId);
}
