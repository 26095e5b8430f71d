namespace Baihe.Data.Members;

/// <summary>
/// The filters of the /members list, as its link carries them: <c>community</c>, <c>q</c> (name or phone digits),
/// <c>grid</c>, <c>team</c> (a team id, or <see cref="NoTeam"/> for residents on no team), <c>lead</c> and <c>party</c>
/// (1 = only 百合邻长 / 党员) and <c>page</c>.
/// </summary>
public sealed record MemberListFilter(int? CommunityId, string? Q, int? GridId, int? TeamId, bool LeadsOnly, bool PartyOnly, int Page)
{
    /// <summary>The <c>team</c> value for residents on no team's roster.</summary>
    public const string NoTeam = "none";

    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>True when the list shows residents on no team (<c>team=none</c>); <see cref="TeamId"/> is then null.</summary>
    public bool WithoutTeam { get; init; }

    /// <summary>Reads the link's values; every unreadable one adds a Chinese problem and falls back to "all".</summary>
    public static MemberListFilter Parse(string? community, string? q, string? grid, string? team, string? lead, string? party, string? page,
        List<string> problems)
    {
        var withoutTeam = string.Equals(team?.Trim(), NoTeam, StringComparison.OrdinalIgnoreCase);
        return new MemberListFilter(
            LinkValues.Id(community, "社区", problems),
            LinkValues.Keyword(q),
            LinkValues.Id(grid, "网格", problems),
            withoutTeam ? null : LinkValues.Id(team, "队伍", problems),
            LinkValues.Flag(lead, "百合邻长", problems),
            LinkValues.Flag(party, "党员", problems),
            LinkValues.PageNumber(page, problems)) { WithoutTeam = withoutTeam };
    }
}
