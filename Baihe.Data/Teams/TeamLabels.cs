namespace Baihe.Data.Teams;

/// <summary>Chinese labels for the codes of teams and rosters, beside <see cref="TeamKind"/> and <see cref="RosterRole"/>.</summary>
public static class TeamLabels
{
    public static string Role(string code) => code switch
    {
        "Lead" => "队长",
        "Deputy" => "副队长",
        "Member" => "队员",
        _ => code,
    };

    public static string Kind(string code) => code switch
    {
        "VolunteerService" => "志愿服务队",
        "InterestGroup" => "兴趣队伍",
        _ => code,
    };
}
