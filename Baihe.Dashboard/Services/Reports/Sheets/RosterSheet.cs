using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Reports;
using Baihe.Data.Residents;
using Baihe.Data.Teams;
using ClosedXML.Excel;
using static Baihe.Dashboard.Services.Reports.ReportCells;

namespace Baihe.Dashboard.Services.Reports.Sheets;

/// <summary>队伍花名册: the roster at month end plus those who left during the month, phones as the exporter may see them.</summary>
internal static class RosterSheet
{
    public const string Name = "队伍花名册";

    public static int Write(XLWorkbook workbook, bool rollUp, IEnumerable<(CommunityRow Community, IReadOnlyList<RosterLine> Lines)> rosters, Period month, bool fullPhones) =>
        Table(workbook, Name, With(rollUp, ["队伍", "类型", "姓名", "角色", "网格", "联系电话", "入队日期", "离队日期", "离队原因", "本月变动"]),
            rosters.SelectMany(x => x.Lines.Select(r =>
            {
                object?[] row =
                [
                    r.Team, TeamLabels.Kind(r.Kind), r.Name, TeamLabels.Role(r.Role), r.Grid, fullPhones ? r.Phone : PhoneNumber.Mask(r.Phone),
                    r.JoinedOn, r.LeftOn, r.LeaveReason,
                    r.LeftOn is DateTime left && month.Contains(left) ? "本月离队" : month.Contains(r.JoinedOn) ? "本月加入" : "",
                ];
                return rollUp ? [x.Community.Name, .. row] : row;
            })));
}
