using Baihe.Data.Dashboard;
using Baihe.Data.Tasks;

namespace Baihe.Data.Reports;

/// <summary>
/// A community's task rates for the report's month (tasks received in it), in total, per grid and per handling team,
/// from the one rate query the dashboards read.
/// </summary>
public sealed record ReportRates(MonthRates Community, IReadOnlyList<RateRow> Grids, IReadOnlyList<RateRow> Teams)
{
    public static readonly ReportRates Empty = new(new MonthRates(), [], []);
}
