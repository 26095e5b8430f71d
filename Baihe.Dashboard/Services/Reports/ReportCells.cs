using System.Globalization;
using ClosedXML.Excel;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// What every sheet of the report shares: Chinese headers on a tinted frozen row, an autofilter, typed dates and numbers,
/// computed column widths (ClosedXML's automatic fitting needs GDI+, which Linux lacks), the header row repeated in print, and
/// text that a spreadsheet could read as a formula stored with a quote prefix.
/// </summary>
public static class ReportCells
{
    /// <summary>Heads the first column of every sheet of a sub-district roll-up.</summary>
    public const string CommunityHeader = "社区";

    /// <summary>What an empty sheet says in its first data row.</summary>
    public const string NoData = "本月无数据";

    internal static readonly XLColor HeaderFill = XLColor.FromHtml("#F4E3E3");

    /// <summary>The headers of a sheet, with the 社区 column first in a roll-up.</summary>
    internal static string[] With(bool rollUp, string[] headers) => rollUp ? [CommunityHeader, .. headers] : headers;

    /// <summary>A row of a sheet, with the community's name first in a roll-up.</summary>
    internal static object?[] Row(bool rollUp, CommunityMonth m, object?[] row) => rollUp ? [m.Community.Name, .. row] : row;

    /// <summary>Writes one detail sheet and returns its row count. An empty month still gets its headers and says so.</summary>
    internal static int Table(XLWorkbook workbook, string name, string[] headers, IEnumerable<object?[]> rows)
    {
        var ws = workbook.AddWorksheet(name);
        for (var c = 0; c < headers.Length; c++)
        {
            ws.Cell(1, c + 1).SetValue(headers[c]);
        }
        ws.Range(1, 1, 1, headers.Length).Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill);
        var list = rows.ToList();
        for (var r = 0; r < list.Count; r++)
        {
            for (var c = 0; c < headers.Length; c++)
            {
                Put(ws.Cell(r + 2, c + 1), list[r][c]);
            }
        }
        if (list.Count == 0)
        {
            ws.Cell(2, 1).SetValue(NoData);
        }
        ws.Range(1, 1, Math.Max(list.Count + 1, 2), headers.Length).SetAutoFilter();
        Finish(ws, 1, Widths(headers, list));
        return list.Count;
    }

    /// <summary>
    /// Column widths in character units from the headers and the rows, CJK counted double, clamped to 6..60; a long-text
    /// column stops at its wrapping width (<see cref="ReportPrint.LongText"/>).
    /// </summary>
    internal static double[] Widths(string[] headers, IReadOnlyList<object?[]> rows)
    {
        var widths = headers.Select(h => DisplayWidth(h)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < headers.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c] switch
                {
                    // A date-time is given a character more than its 16: printed in a font without Calibri's narrow digits it still fits.
                    DateTime d => d.TimeOfDay == TimeSpan.Zero ? 10 : 17,
                    null => 0,
                    string text => DisplayWidth(text),
                    var v => DisplayWidth(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""),
                });
            }
        }
        return widths.Select((w, c) => ReportPrint.Width(headers[c], Math.Clamp(w + 2, 6, 60))).ToArray();
    }

    /// <summary>
    /// Column widths, the frozen header row, and that row repeated on every printed page; the rest of the page setup is
    /// <see cref="ReportPrint.Apply"/>'s, which finds the header row by it.
    /// </summary>
    internal static void Finish(IXLWorksheet ws, int headerRow, double[] widths)
    {
        for (var c = 0; c < widths.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
        }
        ws.SheetView.FreezeRows(headerRow);
        ws.PageSetup.SetRowsToRepeatAtTop(headerRow, headerRow);
    }

    /// <summary>Writes a typed value: dates as dates, numbers as numbers, and text safely.</summary>
    internal static void Put(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case DateTime d:
                cell.SetValue(d);
                cell.Style.DateFormat.Format = d.TimeOfDay == TimeSpan.Zero ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm";
                break;
            case int or long:
                cell.SetValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            default:
                var text = XmlSafe(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                cell.SetValue(text);
                cell.DataType = XLDataType.Text;
                // A spreadsheet reads =, +, -, @, tab, CR and LF at the start as a formula when the cell is edited or the
                // sheet is saved as CSV; the quote prefix keeps such text as text.
                if (LooksLikeFormula(text))
                {
                    cell.Style.IncludeQuotePrefix = true;
                }
                break;
        }
    }

    /// <summary>
    /// Text as an XML part can carry it: a character XML 1.0 forbids (a control character other than tab, CR and LF,
    /// U+FFFE, U+FFFF, a lone surrogate) becomes U+FFFD. New input is refused at the door, but text stored before that
    /// check existed must not make the whole report fail. Valid text, nearly all of it, is returned as it is.
    /// </summary>
    public static string XmlSafe(string text)
    {
        var first = FirstXmlInvalid(text);
        if (first < 0)
        {
            return text;
        }
        var safe = new System.Text.StringBuilder(text.Length);
        safe.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (i + 1 < text.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                safe.Append(c).Append(text[++i]);
            }
            else
            {
                safe.Append(System.Xml.XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
            }
        }
        return safe.ToString();
    }

    private static int FirstXmlInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (System.Xml.XmlConvert.IsXmlChar(c))
            {
                continue;
            }
            if (i + 1 < text.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /// <summary>Text a spreadsheet would read as a formula: it starts with =, +, -, @, tab, CR or LF.</summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n';

    /// <summary>Column width in character units: CJK and full-width characters count double.</summary>
    public static int DisplayWidth(string text)
    {
        // A loop, not LINQ: it runs for each long text of a 100k-row ledger (its row height).
        var width = 0;
        foreach (var ch in text)
        {
            width += ch >= 0x1100 && (ch <= 0x115F || (ch >= 0x2E80 && ch <= 0xA4CF) || (ch >= 0xAC00 && ch <= 0xD7A3) || (ch >= 0xF900 && ch <= 0xFAFF) || (ch >= 0xFE30 && ch <= 0xFE4F) || (ch >= 0xFF00 && ch <= 0xFF60) || (ch >= 0xFFE0 && ch <= 0xFFE6)) ? 2 : 1;
        }
        return width;
    }
}
