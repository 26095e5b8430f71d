using Baihe.Data.Communities;
using Baihe.Data.Overview;
using Baihe.Data.Points;
using Baihe.Data.Reports;
using Baihe.Data.Wishes;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>One community's month: every figure and row the report shows except the ledger, which is streamed.</summary>
internal sealed record CommunityMonth(
    CommunityRow Community, OverviewData Data, MonthCounts Counts, IReadOnlyList<RosterLine> Roster,
    IReadOnlyList<RankRow> MonthRank, IReadOnlyList<RankRow> HalfRank, IReadOnlyList<RedemptionLine> Redemptions,
    IReadOnlyList<ActivityLine> Activities, IReadOnlyList<TaskLine> Tasks, IReadOnlyList<TaskChangeLine> Changes,
    IReadOnlyList<WishRow> Wishes, int LedgerRows, ReportRates Rates)
{
    /// <summary>True when the month has no ledger, redemption, activity, task or wish row (概览 then says so).</summary>
    public static bool AllEmpty(IReadOnlyList<CommunityMonth> months) =>
        months.Sum(m => m.LedgerRows + m.Redemptions.Count + m.Activities.Count + m.Tasks.Count + m.Wishes.Count) == 0;
}
