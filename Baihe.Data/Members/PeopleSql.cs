namespace Baihe.Data.Members;

/// <summary>
/// The one SQL text of each head count (<see cref="Dashboard.TileDefinitions"/> says them in words). The overview's tiles and
/// drill-down lists, the /brands page and the monthly report's 概览 all build their counts from these fragments, so the
/// same count cannot come out as two figures.
/// </summary>
internal static class PeopleSql
{
    /// <summary>
    /// The membership <c>ms</c> is on its team's roster at the moment <c>@Now</c>: joined on or before it and not yet
    /// left. Join and leave dates are days never later than today (<c>DateInput</c>), so at the present moment this is
    /// exactly "no leaving date"; a report passes its month's last moment and reads the roster as it stood then.
    /// </summary>
    public const string OnRosterFragment = "ms.JoinedOn <= @Now AND (ms.LeftOn IS NULL OR ms.LeftOn > @Now)";

    /// <summary>The team <c>t</c> is a 志愿服务队 (its members are the community's 志愿者).</summary>
    public const string VolunteerTeamFragment = "t.Kind = 'VolunteerService'";

    /// <summary>
    /// The four head counts of one community (<c>@CommunityId</c>) at <c>@Now</c>: 成员 (the register), 在册人数 (on any
    /// team's roster, once each), 志愿者人数 (on a 志愿服务队's roster, once each) and 百合邻长.
    /// </summary>
    public const string CountsSql = """
        SELECT
            (SELECT COUNT(*) FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = @CommunityId) AS Registered,
            (SELECT COUNT(DISTINCT ms.MemberId) FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
              WHERE t.CommunityId = @CommunityId AND 
        """ + OnRosterFragment + """
        ) AS OnRoster,
            (SELECT COUNT(DISTINCT ms.MemberId) FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
              WHERE t.CommunityId = @CommunityId AND 
        """ + VolunteerTeamFragment + " AND " + OnRosterFragment + """
        ) AS Volunteers,
            (SELECT COUNT(*) FROM Member m JOIN Grid g ON g.Id = m.GridId
              WHERE g.CommunityId = @CommunityId AND m.IsNeighbourLead = 1) AS NeighbourLeads;
        """;
}
