namespace Baihe.Data.Audit;

/// <summary>
/// What the audit viewer is asked to show: every part optional. <see cref="Action"/> is one action code, or
/// <see cref="AllRefusals"/> for every <c>Denied:*</c> row; <see cref="Area"/> is an action's area (the code before its
/// dot, refusals included); a record is <see cref="EntityType"/> with or without <see cref="EntityId"/>; the dates are
/// China dates, both inclusive; <see cref="CommunityId"/> narrows a wider view to one community.
/// </summary>
public sealed record AuditFilter(
    string? Person = null,
    string? Action = null,
    string? Area = null,
    string? EntityType = null,
    string? EntityId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int? CommunityId = null)
{
    /// <summary>The action filter value that matches every refusal.</summary>
    public const string AllRefusals = "Denied:*";

    /// <summary>The prefix of every refusal's action code.</summary>
    public const string DeniedPrefix = "Denied:";

    /// <summary>No filter: the newest rows of the actor's view.</summary>
    public static AuditFilter None { get; } = new();
}
