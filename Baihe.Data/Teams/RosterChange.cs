namespace Baihe.Data.Teams;

/// <summary>
/// One change to a team's roster, for its change history: who changed what, when, and the value before and after,
/// written out in Chinese (names and labels, never ids or codes).
/// </summary>
public sealed record RosterChange
{
    /// <summary>A resident joined the team.</summary>
    public const string Join = "Join";

    /// <summary>A member's role changed (队长, 副队长, 队员).</summary>
    public const string RoleChange = "Role";

    /// <summary>A member's name or phone changed.</summary>
    public const string ContactChange = "Contact";

    /// <summary>A member left the team.</summary>
    public const string Leave = "Leave";

    /// <summary>One of the kinds above.</summary>
    public string Kind { get; init; } = "";

    /// <summary>When it was recorded; for rows older than the audit trail, the day it took effect.</summary>
    public DateTime OccurredAt { get; init; }

    /// <summary>The member's name now.</summary>
    public string MemberName { get; init; } = "";

    /// <summary>Who recorded it (the account's display name), or null for rows from before the audit trail.</summary>
    public string? ChangedBy { get; init; }

    /// <summary>The value before, in words; null for a join.</summary>
    public string? Before { get; init; }

    /// <summary>The value after, in words.</summary>
    public string? After { get; init; }
}
