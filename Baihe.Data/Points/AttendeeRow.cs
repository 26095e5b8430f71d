
namespace Baihe.Data.Points;

/// <summary>A person on the attendance screen: the team's roster, plus walk-ins already recorded.</summary>
public sealed record AttendeeRow
{
    public int MemberId { get; init; }
    public string Name { get; init; } = "";
    public bool OnRoster { get; init; }
    public bool Attended { get; init; }

    /// <summary>The minutes attendance recorded for this person (left early, came late); null for the whole activity.</summary>
    public int? ServiceMinutes { get; init; }
}
