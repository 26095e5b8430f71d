using ClosedXML.Excel;
using static Baihe.Dashboard.Services.Reports.ReportCells;

namespace Baihe.Dashboard.Services.Reports.Sheets;

/// <summary>活动统计: the month's activities with their headcount and the points they gave.</summary>
internal static class ActivitySheet
{
    public static int Write(XLWorkbook workbook, bool rollUp, IReadOnlyList<CommunityMonth> months) =>
        Table(workbook, "活动统计", With(rollUp, ["日期", "活动", "队伍", "板块", "地点", "出席人数", "每人积分", "合计积分", "状态"]),
            months.SelectMany(m => m.Activities.Select(a => Row(rollUp, m, [a.HeldOn, a.Title, a.Team, a.Area, a.Place, a.Headcount, a.PointsPerAttendee, a.Headcount * a.PointsPerAttendee, a.Status == "Closed" ? "已记分" : "进行中"]))));
}
