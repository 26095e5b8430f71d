using Baihe.Data.Dashboard;
using Baihe.Data.Overview;

namespace Baihe.Data.Reports;

/// <summary>
/// The KPIs of the report's 概览 and their definitions, beside the queries that compute them
/// (<see cref="OverviewQueries"/> and <see cref="ReportQueries.CountsAsync"/>).
/// </summary>
public static class ReportKpis
{
    /// <summary>The KPI block of 概览: each figure with its definition, in the order the sheet lists them.</summary>
    public static IReadOnlyList<ReportKpi> Of(OverviewData data, MonthCounts counts)
    {
        var kpis = new List<ReportKpi>
        {
            new("志愿服务队", data.Kpis.VolunteerTeams, "志愿服务队类队伍数"),
            new("兴趣队伍", data.Kpis.InterestGroups, "老年人兴趣队伍数"),
            new("月末在册人数", counts.Members, "月末（本月未结束时为当前）" + TileDefinitions.OnRoster),
            new("月末志愿者人数", data.Kpis.Volunteers, "月末（本月未结束时为当前）" + TileDefinitions.Volunteers),
            new("百合邻长", data.Kpis.NeighbourLeads, TileDefinitions.NeighbourLeads + "（当前）"),
            new("本月积分发放", data.Kpis.PointsIssued, "本月发生的服务积分合计（只计发放）"),
        };
        kpis.AddRange(data.PointsByArea.Select(a => new ReportKpi($"　其中{a.Area}", a.Points, $"本月{a.Area}板块发放的积分")));
        kpis.AddRange(
        [
            new("本月兑换积分", counts.PointsRedeemed, "本月兑换奖励扣减的积分"),
            new("本月受理诉求", counts.TasksReceived, "本月收集登记的民呼我应诉求"),
            new("本月办结", data.Kpis.TasksDone, "本月办结（已解决且经居民确认）的诉求"),
            new("　其中按时办结", counts.TasksOnTime, "本月办结且在办理期限内"),
            new("　其中满意", counts.TasksSatisfied, "本月办结且居民满意或基本满意"),
            new("本月发布微心愿", counts.WishesPublished, "本月发布的微心愿"),
            new("本月完成微心愿", data.Kpis.WishesFulfilled, "本月完成（含已回访）的微心愿"),
        ]);
        return kpis;
    }

    /// <summary>The KPI block of a month with nothing in it: the names and definitions, every value 0.</summary>
    public static IReadOnlyList<ReportKpi> Empty() => Of(new OverviewData(new OverviewKpis(), [], [], [], [], [], []), new MonthCounts());
}
