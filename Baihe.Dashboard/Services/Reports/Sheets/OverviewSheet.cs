using Baihe.Data.Communities;
using Baihe.Data.Reports;
using Baihe.Data.Tasks;
using ClosedXML.Excel;
using static Baihe.Dashboard.Services.Reports.ReportCells;

namespace Baihe.Dashboard.Services.Reports.Sheets;

/// <summary>概览: the month's KPIs with their definitions (口径), then the empty-month notice and the sign-off line.</summary>
internal static class OverviewSheet
{
    private const string Name = "概览";

    private const int HeaderRow = 8;

    // Column B also holds 生成时间 above a roll-up's table; narrower than a date-time, spreadsheets show it as ###.
    private const double DateTimeWidth = 18;

    // A roll-up's KPI column: wide enough for a five-digit count and four CJK characters of its header per line.
    private const double KpiWidth = 9;

    /// <summary>One community: a KPI per row with its value and definition.</summary>
    public static void Write(XLWorkbook workbook, CommunityMonth m, string monthLabel, DateTime generatedAt, string generatedBy, bool empty, int responseHours)
    {
        var community = m.Community;
        var ws = workbook.AddWorksheet(Name);
        ws.Cell(1, 1).SetValue(XmlSafe($"{community.Name} {monthLabel} 工作月报"));
        ws.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(16);
        ws.Range(1, 1, 1, 3).Merge();
        Info(ws, [("社区", community.Name), ("街道", $"{community.City}{community.District}{community.SubDistrict}"), ("月份", monthLabel), ("生成时间", generatedAt), ("生成人", generatedBy)]);
        string[] headers = ["指标", "数值", "口径"];
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(HeaderRow, c + 1).SetValue(headers[c]);
        }
        ws.Range(HeaderRow, 1, HeaderRow, 3).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill);
        var kpis = ReportKpis.Of(m.Data, m.Counts);
        for (var i = 0; i < kpis.Count; i++)
        {
            ws.Cell(HeaderRow + 1 + i, 1).SetValue(kpis[i].Name);
            ws.Cell(HeaderRow + 1 + i, 2).SetValue(kpis[i].Value);
            ws.Cell(HeaderRow + 1 + i, 3).SetValue(kpis[i].Definition);
        }
        var ratesEnd = Rates(ws, HeaderRow + kpis.Count + 2, m.Rates.Community, responseHours);
        SignOff(ws, ratesEnd, empty);
        Grid(ws.Range(HeaderRow, 1, HeaderRow + kpis.Count, 3));
        ws.Range(HeaderRow, 1, HeaderRow + kpis.Count, 3).SetAutoFilter();
        Finish(ws, HeaderRow, [18, 22, 52]);
    }

    /// <summary>
    /// A sub-district roll-up: one KPI row per community and a 合计 row that adds them up, then each KPI's definition,
    /// then the sign-off line.
    /// </summary>
    public static void WriteRollUp(XLWorkbook workbook, CommunityRow? any, IReadOnlyList<CommunityMonth> months, string monthLabel, DateTime generatedAt, string generatedBy, bool empty,
        int responseHours)
    {
        var ws = workbook.AddWorksheet(Name);
        ws.Cell(1, 1).SetValue(XmlSafe($"{any?.SubDistrict} {monthLabel} 工作月报（全街道汇总）"));
        ws.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(16);
        ws.Range(1, 1, 1, 4).Merge();
        Info(ws, [("街道", $"{any?.City}{any?.District}{any?.SubDistrict}"), ("社区数", months.Count), ("月份", monthLabel), ("生成时间", generatedAt), ("生成人", generatedBy)]);
        var perCommunity = months.Select(m => (m.Community.Name, Kpis: ReportKpis.Of(m.Data, m.Counts))).ToList();
        var definitions = perCommunity.FirstOrDefault().Kpis ?? ReportKpis.Empty();
        ws.Cell(HeaderRow, 1).SetValue(CommunityHeader);
        for (var k = 0; k < definitions.Count; k++)
        {
            ws.Cell(HeaderRow, k + 2).SetValue(definitions[k].Name.Trim('　'));
        }
        ws.Range(HeaderRow, 1, HeaderRow, definitions.Count + 1).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill);
        for (var r = 0; r < perCommunity.Count; r++)
        {
            ws.Cell(HeaderRow + 1 + r, 1).SetValue(XmlSafe(perCommunity[r].Name));
            for (var k = 0; k < definitions.Count; k++)
            {
                ws.Cell(HeaderRow + 1 + r, k + 2).SetValue(perCommunity[r].Kpis[k].Value);
            }
        }
        var total = HeaderRow + 1 + perCommunity.Count;
        ws.Cell(total, 1).SetValue("合计");
        for (var k = 0; k < definitions.Count; k++)
        {
            ws.Cell(total, k + 2).SetValue(perCommunity.Sum(p => p.Kpis[k].Value));
        }
        ws.Range(total, 1, total, definitions.Count + 1).Style.Font.SetBold();
        Grid(ws.Range(HeaderRow, 1, total, definitions.Count + 1));
        ws.Range(HeaderRow, 1, Math.Max(total - 1, HeaderRow + 1), definitions.Count + 1).SetAutoFilter();
        var last = total + 2;
        ws.Cell(last, 1).SetValue("指标").Style.Font.SetBold();
        ws.Cell(last, 2).SetValue("口径").Style.Font.SetBold();
        for (var k = 0; k < definitions.Count; k++)
        {
            ws.Cell(last + 1 + k, 1).SetValue(definitions[k].Name.Trim('　'));
            ws.Cell(last + 1 + k, 2).SetValue(definitions[k].Definition);
            // Across the table's width: one column would be far too narrow for a definition.
            ws.Range(last + 1 + k, 2, last + 1 + k, definitions.Count + 1).Merge();
        }
        last += definitions.Count;
        last = Rates(ws, last + 2, MonthRates.Sum(months.Select(m => m.Rates.Community)), responseHours);
        SignOff(ws, last, empty);
        // A KPI column holds small numbers: its header wraps instead of widening it, so the table of 18 KPIs prints one
        // page wide at a readable size.
        Finish(ws, HeaderRow, [16, .. definitions.Select(_ => KpiWidth)]);
        ws.Column(2).Width = Math.Max(ws.Column(2).Width, DateTimeWidth);
        ws.Range(HeaderRow, 2, HeaderRow, definitions.Count + 1).Style.Alignment.SetWrapText().Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        var headerLines = definitions.Select(d => (int)Math.Ceiling(DisplayWidth(d.Name.Trim('　')) / (KpiWidth - 1))).DefaultIfEmpty(1).Max();
        ws.Row(HeaderRow).Height = Math.Max(headerLines, 1) * 15 + 2;
    }

    /// <summary>
    /// The 办理质量 block from <paramref name="top"/>: the five rates of the tasks received in the month (a roll-up: of the
    /// whole 街道; its communities, grids and teams are on the 办理质量 sheet), each with its numerator and denominator
    /// and its definition. Returns the last row written.
    /// </summary>
    private static int Rates(IXLWorksheet ws, int top, MonthRates r, int responseHours)
    {
        ws.Cell(top, 1).SetValue("办理质量（本月受理的实事）").Style.Font.SetBold();
        var row = top + 1;
        string[] headers = ["比率", "数值", "口径"];
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(row, c + 1).SetValue(headers[c]);
        }
        ws.Range(row, 1, row, headers.Length).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill);
        var first = row;
        var values = new Dictionary<string, (string Key, double? Value)>
        {
            ["响应率"] = ("response", r.ResponseRate), ["解决率"] = ("solve", r.SolveRate), ["按时办结率"] = ("ontime", r.OnTimeRate),
            ["满意率"] = ("satisfaction", r.SatisfactionRate), ["回访率"] = ("visit", r.VisitRate),
        };
        foreach (var (name, definition) in RateDefinitions.All(responseHours))
        {
            row++;
            var (key, value) = values[name];
            ws.Cell(row, 1).SetValue(name);
            ws.Cell(row, 2).SetValue(RateSheet.Percent(value));
            ws.Cell(row, 3).SetValue($"{RateDefinitions.Fraction(key, r, responseHours)}。{definition}");
            ws.Cell(row, 3).Style.Alignment.SetWrapText();
        }
        Grid(ws.Range(first, 1, row, headers.Length));
        return row;
    }

    /// <summary>Thin lines around and between the cells of a table, so the printed 概览 reads as one.</summary>
    private static void Grid(IXLRange range) =>
        range.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);

    /// <summary>The label/value lines under the title: who, where, which month, when.</summary>
    private static void Info(IXLWorksheet ws, (string Label, object Value)[] info)
    {
        for (var i = 0; i < info.Length; i++)
        {
            ws.Cell(2 + i, 1).SetValue(info[i].Label).Style.Font.SetBold();
            Put(ws.Cell(2 + i, 2), info[i].Value);
        }
    }

    /// <summary>Below the KPI block: the empty-month notice when there is nothing, then 填报人 / 审核人 / 日期.</summary>
    private static void SignOff(IXLWorksheet ws, int last, bool empty)
    {
        if (empty)
        {
            ws.Cell(last + 2, 1).SetValue(NoData + "：本月没有积分、兑换、活动、诉求或微心愿记录。");
            last += 2;
        }
        ws.Cell(last + 3, 1).SetValue("填报人：____________");
        ws.Cell(last + 3, 2).SetValue("审核人：____________");
        ws.Cell(last + 3, 3).SetValue("日期：____________");
    }
}
