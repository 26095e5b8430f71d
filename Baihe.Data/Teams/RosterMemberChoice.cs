namespace Baihe.Data.Teams;

/// <summary>
/// The answer to a link that opens one member's editor: the member's roster row, or a Chinese refusal (already
/// audited) when the user may not edit the team or the member is not on it. Never some other member's row.
/// </summary>
public sealed record RosterMemberChoice(RosterRow? Row, string? Refusal);
