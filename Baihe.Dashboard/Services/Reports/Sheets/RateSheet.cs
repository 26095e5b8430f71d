using Baihe.Data.Dashboard;
using Baihe.Data.Tasks;
using ClosedXML.Excel;
using static Baihe.Dashboard.Services.Reports.ReportCells;

namespace Baihe.Dashboard.Services.Reports.Sheets;

/// <summary>
/// 办理质量: the five rates of the tasks received in the month per grid and per handling team (a roll-up: per community
/// too), each with the counts it divides, so every percentage can be checked by hand against 概览's definitions.
/// </summary>
internal static class RateSheet
{
    public static int Write(XLWorkbook workbook, bool rollUp, IReadOnlyList<CommunityMonth> months, int responseHours)
    {
        string[] headers =
        [
            "范围", "名称", "受理", "响应率", "解决率", "按时办结率", "满意率", "回访率",
            $"{responseHours}小时内响应", "有结果", "解决", "办结", "按期办结", "未办结已超期", "已评价", "满意及基本满意", "已反馈", "已回访",
        ];
        object?[] Line(string kind, string name, MonthRates r) =>
        [
            kind, name, r.Received, Percent(r.ResponseRate), Percent(r.SolveRate), Percent(r.OnTimeRate), Percent(r.SatisfactionRate), Percent(r.VisitRate),
            r.Responded, r.WithResult, r.Solved, r.Closed, r.OnTime, r.OpenOverdue, r.Rated, r.Satisfied, r.ReachedFeedback, r.Visited,
        ];
        return Table(workbook, "办理质量", With(rollUp, headers), months.SelectMany(m =>
            new[] { Row(rollUp, m, Line("社区", m.Community.Name, m.Rates.Community)) }
                .Concat(m.Rates.Grids.Select(g => Row(rollUp, m, Line("网格", g.Name, g.Rates))))
                .Concat(m.Rates.Teams.Select(t => Row(rollUp, m, Line("承办队伍", t.Name, t.Rates))))));
    }

    /// <summary>A rate as the sheet shows it: a percentage with one decimal, or — when nothing was there to divide.</summary>
    internal static string Percent(double? rate) => rate is double v ? (v * 100).ToString("0.0") + "%" : "—";
}
