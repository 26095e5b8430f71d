using Baihe.Data.Tasks;
using ClosedXML.Excel;
using static Baihe.Dashboard.Services.Reports.ReportCells;

namespace Baihe.Dashboard.Services.Reports.Sheets;

/// <summary>民呼我应: every task that moved during the month, with its stage changes as 办理过程.</summary>
internal static class TaskSheet
{
    public static int Write(XLWorkbook workbook, bool rollUp, IReadOnlyList<CommunityMonth> months) =>
        Table(workbook, "民呼我应", With(rollUp, ["编号", "事项", "网格", "类别", "来源", "紧急程度", "当前阶段", "受理时间", "办理期限", "办结时间", "结果", "满意度", "办理过程"]),
            months.SelectMany(m =>
            {
                var byTask = m.Changes.ToLookup(c => c.TaskId);
                return m.Tasks.Select(t => Row(rollUp, m,
                [
                    t.Id, t.Title, t.Grid, t.Category, TaskLabels.Source(t.Source), TaskLabels.Urgency(t.Urgency), TaskLabels.Stage(t.Stage), t.CollectedAt, t.DueAt, t.ClosedAt,
                    TaskLabels.Result(t.Result), TaskLabels.Satisfaction(t.Satisfaction), string.Join("；", byTask[t.Id].Select(c => $"{c.ChangedAt:MM-dd HH:mm} {TaskLabels.Stage(c.ToStage)}")),
                ]));
            }));
}
