using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClosedXML.Excel;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// How the report prints: A4 landscape, one page wide and as many tall as it needs (fitting the height too would shrink
/// a long 民呼我应 sheet to type nobody can read), the header row on every page, narrow margins, long text wrapped in
/// columns of a set width, and a footer naming the community and month with the page number.
/// </summary>
public static class ReportPrint
{
    /// <summary>Columns of free text, by header, with the width they wrap at (character units, CJK counted double).</summary>
    public static readonly IReadOnlyDictionary<string, double> LongText = new Dictionary<string, double>
    {
        ["口径"] = 52,
        ["事项"] = 28,
        ["办理过程"] = 34,
        ["备注"] = 30,
        ["心愿"] = 30,
        ["活动"] = 26,
        ["地点"] = 18,
        ["兑换项目"] = 20,
        ["离队原因"] = 18,
        ["认领方"] = 18,
    };

    /// <summary>The footer text with Excel's page codes: "百合园社区 · 2026年10月 · 第 &amp;P 页 共 &amp;N 页".</summary>
    public static string Footer(string title, string monthLabel) =>
        // A literal ampersand in a header or footer is written doubled; a single one starts a code.
        $"{title.Replace("&", "&&")} · {monthLabel} · 第 &P 页 共 &N 页";

    /// <summary>Sets every sheet's page setup and footer, and wraps the long-text columns under their header row.</summary>
    internal static void Apply(XLWorkbook workbook, string title, string monthLabel)
    {
        foreach (var ws in workbook.Worksheets)
        {
            var setup = ws.PageSetup;
            setup.PaperSize = XLPaperSize.A4Paper;
            setup.PageOrientation = XLPageOrientation.Landscape;
            setup.FitToPages(1, 0);
            setup.Margins.SetLeft(0.4).SetRight(0.4).SetTop(0.5).SetBottom(0.6).SetHeader(0.3).SetFooter(0.3);
            setup.Footer.Center.AddText(Footer(title, monthLabel), XLHFOccurrence.AllPages);
            var headerRow = setup.FirstRowToRepeatAtTop > 0 ? setup.FirstRowToRepeatAtTop : 1;
            var last = ws.LastRowUsed()?.RowNumber() ?? headerRow;
            // Rows grown by wrapped text read better with every cell at the top.
            ws.Range(headerRow + 1, 1, Math.Max(last, headerRow + 1), Math.Max(ws.LastColumnUsed()?.ColumnNumber() ?? 1, 1))
                .Style.Alignment.SetVertical(XLAlignmentVerticalValues.Top);
            var wrapped = ws.Row(headerRow).CellsUsed().Where(c => LongText.ContainsKey(c.GetString())).Select(c => c.Address.ColumnNumber).ToList();
            foreach (var column in wrapped)
            {
                ws.Range(headerRow + 1, column, Math.Max(last, headerRow + 1), column).Style.Alignment.SetWrapText();
            }
            FitRowHeights(ws, wrapped, headerRow + 1, last);
        }
    }

    /// <summary>Points per printed line of the report's 11-point type, CJK fonts included.</summary>
    private const double LineHeight = 15;

    // Spreadsheets do not all grow a row for its wrapped text when they open a file (LibreOffice keeps the default
    // height and prints the first line only), so each row is given the height of its longest wrapped cell.
    private static void FitRowHeights(IXLWorksheet ws, IReadOnlyList<int> columns, int first, int last)
    {
        if (columns.Count == 0)
        {
            return;
        }
        for (var r = first; r <= last; r++)
        {
            var lines = 1;
            foreach (var c in columns)
            {
                var text = ws.Cell(r, c).GetString();
                if (text.Length == 0)
                {
                    continue;
                }
                lines = Math.Max(lines, Lines(text, ws.Column(c).Width));
            }
            if (lines > 1)
            {
                ws.Row(r).Height = Height(lines);
            }
        }
    }

    private static double Height(int lines) => lines * LineHeight + 2;

    private static int Lines(string text, double width)
    {
        // One character unit of width is kept free for the cell's padding.
        var perLine = Math.Max(width - 1, 2);
        return text.Split('\n').Sum(part => Math.Max(1, (int)Math.Ceiling(ReportCells.DisplayWidth(part) / perLine)));
    }

    /// <summary>
    /// For a streamed sheet: the height of a row whose long text wraps onto more lines than one, given the column
    /// widths, or null for a row of one line (most of them), which keeps the default height. Null when no column wraps.
    /// </summary>
    internal static Func<object?[], double[], double?>? RowHeight(string[] headers)
    {
        var wrapped = Enumerable.Range(0, headers.Length).Where(c => LongText.ContainsKey(headers[c])).ToArray();
        if (wrapped.Length == 0)
        {
            return null;
        }
        return (row, widths) =>
        {
            var lines = 1;
            foreach (var c in wrapped)
            {
                if (row[c] is string { Length: > 0 } text && (ReportCells.DisplayWidth(text) > widths[c] - 1 || text.Contains('\n')))
                {
                    lines = Math.Max(lines, Lines(text, widths[c]));
                }
            }
            return lines > 1 ? Height(lines) : null;
        };
    }

    private static readonly Regex PrintTitles = new(@"^(?<sheet>'(?:[^']|'')*'|[^!]+)!\$?(?<from>\d+):\$?(?<to>\d+)$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Rewrites each sheet's print titles (<c>_xlnm.Print_Titles</c>) in the canonical form Excel writes, a quoted sheet
    /// name and absolute rows (<c>'队伍花名册'!$1:$1</c>). ClosedXML writes <c>队伍花名册!1:1</c>, which LibreOffice
    /// ignores, and its printouts then lose the header row after the first page.
    /// </summary>
    public static void FixPrintTitles(XDocument workbook)
    {
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        foreach (var name in workbook.Descendants(main + "definedName").Where(n => (string?)n.Attribute("name") == "_xlnm.Print_Titles"))
        {
            if (PrintTitles.Match(name.Value.Trim()) is { Success: true } m)
            {
                var sheet = m.Groups["sheet"].Value;
                var quoted = sheet.StartsWith('\'') ? sheet : $"'{sheet.Replace("'", "''")}'";
                name.Value = $"{quoted}!${m.Groups["from"].Value}:${m.Groups["to"].Value}";
            }
        }
    }

    /// <summary>The package with <see cref="FixPrintTitles"/> applied to its workbook part (a small package: it is rewritten whole).</summary>
    internal static byte[] WithPrintTitlesFixed(byte[] package)
    {
        using var stream = new MemoryStream();
        stream.Write(package);
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/workbook.xml") ?? throw new InvalidOperationException("The workbook part is missing.");
            XDocument workbook;
            using (var from = entry.Open())
            {
                workbook = XDocument.Load(from);
            }
            FixPrintTitles(workbook);
            entry.Delete();
            using var to = zip.CreateEntry("xl/workbook.xml", System.IO.Compression.CompressionLevel.Optimal).Open();
            workbook.Save(to, System.Xml.Linq.SaveOptions.DisableFormatting);
        }
        return stream.ToArray();
    }

    /// <summary>A column's width: a long-text column never wider than where it wraps.</summary>
    internal static double Width(string header, double natural) =>
        LongText.TryGetValue(header, out var wrapAt) ? Math.Min(natural, wrapAt) : natural;
}
