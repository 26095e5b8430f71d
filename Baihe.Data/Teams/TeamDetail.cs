
namespace Baihe.Data.Teams;

/// <summary>A team with its current roster.</summary>
public sealed record TeamDetail(TeamRow Team, IReadOnlyList<RosterRow> Roster);
