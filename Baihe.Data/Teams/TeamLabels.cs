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

    /// <summary>The roster statuses of <see cref="RosterFilter"/>.</summary>
    public static string Status(string code) => code switch
    {
        RosterFilter.Active => "在册",
        RosterFilter.Left => "已离队",
        RosterFilter.All => "全部",
        _ => code,
    };

    /// <summary>The roster orders of <see cref="RosterFilter"/>.</summary>
    public static string Sort(string code) => code switch
    {
        "role" => "按角色",
        "name" => "按姓名",
        "joined" => "按入队日期（早→晚）",
        "grid" => "按网格",
        "points" => "按积分（高→低）",
        _ => code,
    };

    /// <summary>The kinds of <see cref="RosterChange"/>.</summary>
    public static string Change(string kind) => kind switch
    {
        RosterChange.Join => "入队",
        RosterChange.RoleChange => "角色变更",
        RosterChange.ContactChange => "联系方式变更",
        RosterChange.Leave => "离队",
        _ => kind,
    };
}
