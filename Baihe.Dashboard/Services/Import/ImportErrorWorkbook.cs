using ClosedXML.Excel;
using Baihe.Data.Import;
using static Baihe.Data.Import.ImportLayout;

namespace Baihe.Dashboard.Services.Import;

/// <summary>
/// The uploaded workbook handed back with a 错误原因 column after each sheet's columns, holding every problem of that
/// row (column named), so the user corrects the cells in their own file and uploads it again: the reader ignores the
/// extra column. Cells keep what the user typed (formulas stay formulas); only the problem column is written.
/// </summary>
public static class ImportErrorWorkbook
{
    private static readonly XLColor ProblemFill = XLColor.FromHtml("#FDECEA");

    public static byte[] Build(byte[] original, IReadOnlyList<ImportProblem> problems)
    {
        using var workbook = new XLWorkbook(new MemoryStream(original, writable: false));
        foreach (var (sheet, headers) in new[] { (ResidentSheet, ResidentHeaders), (MembershipSheet, MembershipHeaders) })
        {
            if (!workbook.TryGetWorksheet(sheet, out var ws))
            {
                continue;
            }
            var column = headers.Count + 1;
            // A re-uploaded error workbook already has the column: clear last round's reasons.
            var last = ws.LastRowUsed()?.RowNumber() ?? 1;
            ws.Range(1, column, Math.Max(last, 1), column).Clear();
            ws.Cell(1, column).SetValue(ErrorColumn);
            ws.Cell(1, column).Style.Font.SetBold().Font.SetFontColor(XLColor.DarkRed);
            ws.Column(column).Width = 60;
            foreach (var row in problems.Where(p => p.Sheet == sheet).GroupBy(p => p.Row))
            {
                var cell = ws.Cell(row.Key, column);
                cell.SetValue(string.Join("；", row.Select(p => $"{p.Column}：{p.Message}")));
                cell.Style.Fill.SetBackgroundColor(ProblemFill).Alignment.SetWrapText();
            }
        }
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }
}
