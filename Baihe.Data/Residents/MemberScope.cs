namespace Baihe.Data.Residents;

/// <summary>
/// What a "who may" rule needs to know about a resident: their community (through their grid), the teams they are
/// currently on (memberships without a leaving date, in team id order), and their home team.
/// <see cref="HomeTeamId"/> is the team of the resident's earliest active membership: the one recorded first (lowest
/// membership id), not the one with the earliest 入队日期, because that date is typed by whoever adds the resident and
/// could be backdated to claim them. It is null when the resident is on no team. Only the home team's lead acts for
/// the resident's points.
/// </summary>
public sealed record MemberScope(int MemberId, int CommunityId, IReadOnlyList<int> TeamIds, int? HomeTeamId)
{
    /// <summary>Whether the resident is on no current team but <paramref name="teamId"/>.</summary>
    public bool IsOnlyOn(int teamId) => TeamIds.Count == 1 && TeamIds[0] == teamId;
}
