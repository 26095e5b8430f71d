using Baihe.Data.Wishes;
using ClosedXML.Excel;
using static Baihe.Dashboard.Services.Reports.ReportCells;

namespace Baihe.Dashboard.Services.Reports.Sheets;

/// <summary>微心愿: the wishes published, claimed or fulfilled during the month.</summary>
internal static class WishSheet
{
    public static int Write(XLWorkbook workbook, bool rollUp, IReadOnlyList<CommunityMonth> months) =>
        Table(workbook, "微心愿", With(rollUp, ["编号", "心愿", "心愿人", "类别", "估值（元）", "网格", "状态", "认领方", "发布时间", "完成时间"]),
            months.SelectMany(m => m.Wishes.Select(w => Row(rollUp, m, [w.Id, w.Content, w.WisherName, WishLabels.WisherKind(w.WisherKind), w.EstimatedValue, w.Grid, WishLabels.Status(w.Status), w.Claimant, w.PublishedAt, w.FulfilledAt]))));
}
