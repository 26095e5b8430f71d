using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// Fills one large sheet of a ClosedXML-built workbook by streaming rows with OpenXmlWriter. ClosedXML keeps every
/// cell as an object, which costs seconds and hundreds of megabytes at 100k rows; here ClosedXML lays out the sheet
/// (headers, frozen row, print setup) with one template row whose cell styles say how to write each column, and the
/// rows are then written, as they come from the database, into a copy of the package.
/// </summary>
public static class StreamedSheet
{
    /// <summary>How a column is written: a date, a number, or text (quoted when it could read as a formula).</summary>
    public enum Kind
    {
        Date,
        Number,
        Text,
    }

    /// <summary>How many rows are read before the column widths are fixed; the rest of the month does not widen them.</summary>
    public const int WidthSampleRows = 2000;

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    /// <summary>
    /// Copies the package <paramref name="template"/> into <paramref name="output"/>, replacing row 2 (the template row) of
    /// <paramref name="sheetName"/> with <paramref name="rows"/>. Column c of row 2 gives the style of column c, and cell
    /// <paramref name="quotedStyleCell"/> of row 2 the quote-prefix text style. The column widths are computed by
    /// <paramref name="widths"/> from the first <see cref="WidthSampleRows"/> rows. <paramref name="rowHeight"/>, when given, is
    /// asked for each row's height in points given the column widths (null leaves the default height). Returns the number
    /// of rows written.
    /// </summary>
    public static async Task<int> WriteAsync(Stream template, Stream output, string sheetName, IReadOnlyList<Kind> kinds, int quotedStyleCell,
        IAsyncEnumerable<object?[]> rows, Func<IReadOnlyList<object?[]>, double[]> widths, CancellationToken ct = default,
        Func<object?[], double[], double?>? rowHeight = null)
    {
        // The template is small: read what the streamed sheet needs from it, then copy the package part by part.
        string sheetEntry;
        Worksheet worksheet;
        uint sheetIndex;
        using (var document = SpreadsheetDocument.Open(template, false))
        {
            var workbookPart = document.WorkbookPart!;
            var sheets = workbookPart.Workbook.Sheets!.Elements<Sheet>().ToList();
            var sheet = sheets.Single(s => s.Name == sheetName);
            sheetIndex = (uint)sheets.IndexOf(sheet);
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            sheetEntry = part.Uri.OriginalString.TrimStart('/');
            worksheet = (Worksheet)part.Worksheet.CloneNode(true);
        }
        var templateCells = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Single(r => r.RowIndex! == 2).Elements<Cell>().ToList();
        var styles = kinds.Select((_, c) => templateCells.ElementAtOrDefault(c)?.StyleIndex?.Value ?? 0U).ToArray();
        var quotedStyle = templateCells.ElementAtOrDefault(quotedStyleCell - 1)?.StyleIndex?.Value ?? 0U;
        var lastColumn = ColumnName(kinds.Count);

        await using var source = rows.GetAsyncEnumerator(ct);
        var sample = new List<object?[]>();
        var more = true;
        while (sample.Count < WidthSampleRows && (more = await source.MoveNextAsync()))
        {
            sample.Add(source.Current);
        }
        var columnWidths = widths(sample);

        template.Position = 0;
        using var input = new ZipArchive(template, ZipArchiveMode.Read, leaveOpen: true);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var written = 0;
        ZipArchiveEntry? workbookEntry = null;
        foreach (var entry in input.Entries)
        {
            if (entry.FullName == "xl/workbook.xml")
            {
                // Written last: its hidden filter range needs the row count.
                workbookEntry = entry;
                continue;
            }
            var target = zip.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            await using var to = target.Open();
            if (entry.FullName != sheetEntry)
            {
                await using var from = entry.Open();
                await from.CopyToAsync(to, ct);
                continue;
            }
            using var writer = OpenXmlWriter.Create(to);
            writer.WriteStartDocument();
            writer.WriteStartElement(new Worksheet());
            foreach (var child in worksheet.ChildElements)
            {
                switch (child)
                {
                    case SheetDimension:
                        // Optional, and unknown until the rows are written.
                        break;
                    case Columns:
                        writer.WriteElement(new Columns(columnWidths.Select((w, c) => new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = w, CustomWidth = true })));
                        break;
                    case SheetData data:
                        writer.WriteStartElement(new SheetData());
                        writer.WriteElement((Row)data.Elements<Row>().Single(r => r.RowIndex! == 1).CloneNode(true));
                        written = await WriteRowsAsync(writer, kinds, styles, quotedStyle, sample, more ? source : null,
                            rowHeight is null ? null : row => rowHeight(row, columnWidths));
                        writer.WriteEndElement();
                        break;
                    case AutoFilter:
                        writer.WriteElement(new AutoFilter { Reference = $"A1:{lastColumn}{Math.Max(written + 1, 2)}" });
                        break;
                    default:
                        writer.WriteElement(child);
                        break;
                }
            }
            writer.WriteEndElement();
            writer.Close();
        }
        if (workbookEntry is not null)
        {
            XDocument workbook;
            await using (var from = workbookEntry.Open())
            {
                workbook = await XDocument.LoadAsync(from, LoadOptions.None, ct);
            }
            // The filter's hidden defined name is widened to the rows written.
            XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            foreach (var name in workbook.Descendants(main + "definedName"))
            {
                if ((string?)name.Attribute("name") == "_xlnm._FilterDatabase" && (uint?)name.Attribute("localSheetId") == sheetIndex)
                {
                    name.Value = $"'{sheetName}'!$A$1:${lastColumn}${Math.Max(written + 1, 2)}";
                }
            }
            ReportPrint.FixPrintTitles(workbook);
            await using var to = zip.CreateEntry(workbookEntry.FullName, CompressionLevel.Optimal).Open();
            await workbook.SaveAsync(to, SaveOptions.DisableFormatting, ct);
        }
        return written;
    }

    // One empty element of each kind, written as start tags with prepared attribute lists: no element objects per cell.
    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly Text TextElement = new();
    private static readonly OpenXmlAttribute[] NoAttributes = [];
    private static readonly OpenXmlAttribute[] PreserveSpace = [new("xml", "space", XmlNamespace, "preserve")];

    private static async Task<int> WriteRowsAsync(OpenXmlWriter writer, IReadOnlyList<Kind> kinds, uint[] styles, uint quotedStyle,
        List<object?[]> sample, IAsyncEnumerator<object?[]>? rest, Func<object?[], double?>? rowHeight)
    {
        var plain = styles.Select(s => new[] { new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture)) }).ToArray();
        var inline = styles.Select(s => new[] { new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture)), new OpenXmlAttribute("t", "", "inlineStr") }).ToArray();
        OpenXmlAttribute[] quoted = [new("s", "", quotedStyle.ToString(CultureInfo.InvariantCulture)), new("t", "", "inlineStr")];
        var rowAttribute = new OpenXmlAttribute[1];
        var tallRowAttributes = new OpenXmlAttribute[3];
        var r = 1;
        // Rows of one day share their date; its serial number is formatted once.
        var lastDate = DateTime.MinValue;
        var lastSerial = "";

        void Write(object?[] row)
        {
            r++;
            var number = new OpenXmlAttribute("r", "", r.ToString(CultureInfo.InvariantCulture));
            if (rowHeight?.Invoke(row) is double height)
            {
                tallRowAttributes[0] = number;
                tallRowAttributes[1] = new OpenXmlAttribute("ht", "", height.ToString(CultureInfo.InvariantCulture));
                tallRowAttributes[2] = new OpenXmlAttribute("customHeight", "", "1");
                writer.WriteStartElement(RowElement, tallRowAttributes);
            }
            else
            {
                rowAttribute[0] = number;
                writer.WriteStartElement(RowElement, rowAttribute);
            }
            for (var c = 0; c < kinds.Count; c++)
            {
                var value = row[c];
                if (value is null)
                {
                    continue;
                }
                // Cells carry their column by position within the row (the r attribute is optional), which keeps the
                // sheet small: it is most of the file and of the time spent compressing it.
                switch (kinds[c])
                {
                    case Kind.Date:
                        var date = (DateTime)value;
                        if (date != lastDate)
                        {
                            lastDate = date;
                            lastSerial = date.ToOADate().ToString(CultureInfo.InvariantCulture);
                        }
                        Value(plain[c], lastSerial);
                        break;
                    case Kind.Number:
                        Value(plain[c], Convert.ToString(value, CultureInfo.InvariantCulture)!);
                        break;
                    default:
                        var text = ReportCells.XmlSafe(value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                        writer.WriteStartElement(CellElement, ReportCells.LooksLikeFormula(text) ? quoted : inline[c]);
                        writer.WriteStartElement(InlineElement, NoAttributes);
                        writer.WriteStartElement(TextElement, text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) ? PreserveSpace : NoAttributes);
                        writer.WriteString(text);
                        writer.WriteEndElement();
                        writer.WriteEndElement();
                        writer.WriteEndElement();
                        break;
                }
            }
            writer.WriteEndElement();
        }

        void Value(OpenXmlAttribute[] attributes, string value)
        {
            writer.WriteStartElement(CellElement, attributes);
            writer.WriteStartElement(ValueElement, NoAttributes);
            writer.WriteString(value);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        foreach (var row in sample)
        {
            Write(row);
        }
        if (rest is not null)
        {
            while (await rest.MoveNextAsync())
            {
                Write(rest.Current);
            }
        }
        return r - 1;
    }

    private static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + (column - 1) % 26) + name;
        }
        return name;
    }
}
