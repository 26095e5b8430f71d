namespace Baihe.Data.Dashboard;

/// <summary>
/// What each tile of the community overview counts, in the words a reader checks a figure against. One definition
/// per figure: the drill-down list behind a tile counts exactly what its definition says.
/// </summary>
public static class TileDefinitions
{
    /// <summary>The definition of the tile with <paramref name="key"/> under <paramref name="filter"/>, or null for an unknown key.</summary>
    public static string? For(string key, DashboardFilter filter) => key switch
    {
        "volunteerTeams" => "本社区“志愿服务队”类队伍数（不随期间变化）。",
        "interestGroups" => "本社区老年人兴趣队伍数（不随期间变化）。",
        "neighbourLeads" => "登记为“百合邻长”的居民人数（选了网格时只计该网格）。",
        "activeLeads" => $"{filter.Label}内至少获得过一次服务积分的百合邻长人数。",
        "volunteers" => "目前在志愿服务队中在册的居民人数；同一人在多支队伍只计一次。",
        "tasksDone" => $"{filter.Label}内办结的“民呼我应”实事；办结＝已解决且经居民确认。",
        "wishesFulfilled" => $"{filter.Label}内完成（含已回访）的微心愿。",
        "pointsIssued" => $"{filter.Label}内发生的服务积分合计（只计发放，不扣除兑换）。",
        "openTasks" => "目前尚未办结的实事（不随期间变化）。",
        "overdueTasks" => "目前尚未办结且已超过办理期限的实事。",
        _ => null,
    };
}
