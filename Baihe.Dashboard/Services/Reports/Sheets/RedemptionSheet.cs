using Baihe.Data.Points;
using ClosedXML.Excel;
using static Baihe.Dashboard.Services.Reports.ReportCells;

namespace Baihe.Dashboard.Services.Reports.Sheets;

/// <summary>兑换记录: the month's redemptions and whether they were handed over.</summary>
internal static class RedemptionSheet
{
    public static int Write(XLWorkbook workbook, bool rollUp, IReadOnlyList<CommunityMonth> months) =>
        Table(workbook, "兑换记录", With(rollUp, ["兑换时间", "居民", "兑换项目", "积分", "状态", "兑现时间"]),
            months.SelectMany(m => m.Redemptions.Select(r => Row(rollUp, m, [r.RequestedAt, r.Name, r.Reward, r.Points, PointsLabels.RedemptionStatus(r.Status), r.FulfilledAt]))));
}
