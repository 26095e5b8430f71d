namespace Baihe.Data.Dashboard;

/// <summary>
/// What each tile of the community overview counts, in the words a reader checks a figure against. One definition
/// per figure: the drill-down list behind a tile counts exactly what its definition says.
/// </summary>
public static class TileDefinitions
{
    /// <summary>成员: the community's register of residents, what /members lists.</summary>
    public const string Registered = "登记在本社区各网格的居民（成员名册），不论是否加入队伍；一人计一次。";

    /// <summary>在册人数: on any team's roster now (a report: at its month's end).</summary>
    public const string OnRoster = "目前至少在一支队伍（志愿服务队或兴趣队伍）花名册上、尚未离队的成员；同一人在多支队伍只计一次。";

    /// <summary>志愿者人数: on a 志愿服务队's roster now (a report: at its month's end); a part of 在册人数.</summary>
    public const string Volunteers = "目前至少在一支志愿服务队花名册上、尚未离队的成员；同一人在多支队伍只计一次。兴趣队伍的队员不计入。";

    /// <summary>百合邻长: residents registered as neighbourhood leads.</summary>
    public const string NeighbourLeads = "登记为“百合邻长”的居民人数。";

    /// <summary>A brand's 在册人数: 在册人数 restricted to the brand's teams.</summary>
    public const string BrandOnRoster = "该品牌下各队伍目前在册、尚未离队的成员；同一人在该品牌多支队伍只计一次。";

    /// <summary>The definition of the tile with <paramref name="key"/> under <paramref name="filter"/>, or null for an unknown key.</summary>
    public static string? For(string key, DashboardFilter filter) => key switch
    {
        "volunteerTeams" => "本社区“志愿服务队”类队伍数（不随期间变化）。",
        "interestGroups" => "本社区老年人兴趣队伍数（不随期间变化）。",
        "neighbourLeads" => NeighbourLeads + "选了网格时只计该网格。",
        "activeLeads" => $"{filter.Label}内至少获得过一次服务积分的百合邻长人数。",
        "volunteers" => Volunteers + "选了网格时只计住在该网格的志愿者。",
        "tasksDone" => $"{filter.Label}内办结的“民呼我应”实事；办结＝已解决且经居民确认。",
        "wishesFulfilled" => $"{filter.Label}内完成（含已回访）的微心愿。",
        "pointsIssued" => $"{filter.Label}内发生的服务积分合计（只计发放，不扣除兑换）。",
        "openTasks" => "目前尚未办结的实事（不随期间变化）。",
        "overdueTasks" => "目前尚未办结且已超过办理期限的实事。",
        _ => null,
    };
}
