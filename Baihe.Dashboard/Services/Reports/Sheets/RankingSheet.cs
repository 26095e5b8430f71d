using Baihe.Data.Database;
using ClosedXML.Excel;
using static Baihe.Dashboard.Services.Reports.ReportCells;

namespace Baihe.Dashboard.Services.Reports.Sheets;

/// <summary>积分排行: the month's ranking, each resident beside their rank and points of the half-year.</summary>
internal static class RankingSheet
{
    public static int Write(XLWorkbook workbook, bool rollUp, IReadOnlyList<CommunityMonth> months, Period month)
    {
        var half = Period.HalfYear(month.From.Year, Period.HalfOf(month.From));
        return Table(workbook, "积分排行", With(rollUp, ["本月名次", "姓名", "网格", "本月获得积分", $"{(half.From.Month == 1 ? "上" : "下")}半年名次", "半年获得积分"]),
            months.SelectMany(m =>
            {
                var halfByMember = m.HalfRank.ToDictionary(r => r.MemberId);
                return m.MonthRank.Select(r => Row(rollUp, m, [r.Rank, r.Name, r.Grid, r.Points, halfByMember.GetValueOrDefault(r.MemberId)?.Rank, halfByMember.GetValueOrDefault(r.MemberId)?.Points]));
            }));
    }
}
