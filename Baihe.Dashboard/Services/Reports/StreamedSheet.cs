using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// Fills one large sheet of a ClosedXML-built workbook by streaming rows. ClosedXML keeps every cell as an object,
/// which costs seconds and hundreds of megabytes at 100k rows; here ClosedXML lays out the sheet (headers, frozen row,
/// print setup) with one template row whose cell styles say how to write each column, and the rows are then written,
/// as they come from the database, into a copy of the package: the sheet's small frame by OpenXmlWriter, the rows as
/// bytes by <see cref="SheetRowWriter"/>.
/// </summary>
public static class StreamedSheet
{
    /// <summary>How a column is written: a date, a number, or text (quoted when it could read as a formula).</summary>
    public enum Kind
    {
        Date,
        Number,
        Text,

        /// <summary>Text from a small set repeated down the column (names, areas): each value is encoded once.</summary>
        Label,
    }

    /// <summary>How many distinct values of a <see cref="Kind.Label"/> column are kept encoded; later ones are written as text.</summary>
    public const int MaxLabels = 10_000;

    /// <summary>How many rows are read before the column widths are fixed; the rest of the month does not widen them.</summary>
    public const int WidthSampleRows = 2000;

    /// <summary>
    /// How the streamed sheet is deflated. Its XML is most of the export's work: at the fastest level the ledger
    /// compresses in about half the time, and a 100k-row month's file grows from 1.4 to 2.0 MB (MiniExcel's is 5.6 MB).
    /// </summary>
    private const CompressionLevel LedgerCompression = CompressionLevel.Fastest;

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
            var target = zip.CreateEntry(entry.FullName, entry.FullName == sheetEntry ? LedgerCompression : CompressionLevel.Optimal);
            await using var to = target.Open();
            if (entry.FullName != sheetEntry)
            {
                await using var from = entry.Open();
                await from.CopyToAsync(to, ct);
                continue;
            }
            // The sheet's frame (views, widths, print setup: small) is written by OpenXmlWriter around an empty sheetData,
            // and the rows go between its two halves; the end is framed again once the row count is known.
            to.Write(Frame(worksheet, columnWidths, lastColumn, 0).Before);
            using (var rowWriter = new SheetRowWriter(to))
            {
                written = await WriteRowsAsync(rowWriter, kinds, styles, quotedStyle, sample, more ? source : null,
                    rowHeight is null ? null : row => rowHeight(row, columnWidths));
                rowWriter.Flush();
            }
            to.Write(Frame(worksheet, columnWidths, lastColumn, written).After);
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

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>
    /// The sheet's XML without its data rows, split where they go (just before the end of sheetData): the template's
    /// parts as they were, except the column widths, the header row alone in sheetData, and the filter over the
    /// <paramref name="written"/> rows. The root declares SpreadsheetML as its default namespace too, for the
    /// unprefixed rows of <see cref="SheetRowWriter"/>.
    /// </summary>
    private static (byte[] Before, byte[] After) Frame(Worksheet worksheet, double[] columnWidths, string lastColumn, int written)
    {
        using var buffer = new MemoryStream();
        using (var writer = OpenXmlWriter.Create(buffer))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(new Worksheet(), [], [new("", MainNamespace), new("r", RelationshipsNamespace)]);
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
        var xml = buffer.ToArray();
        var text = System.Text.Encoding.UTF8.GetString(xml);
        if (!text.Contains($"xmlns=\"{MainNamespace}\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The sheet's root does not declare SpreadsheetML as its default namespace.");
        }
        var ends = System.Text.RegularExpressions.Regex.Matches(text, "</([A-Za-z0-9]+:)?sheetData>");
        if (ends.Count != 1)
        {
            throw new InvalidOperationException($"The sheet's frame has {ends.Count} ends of sheetData, not one.");
        }
        var split = System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(0, ends[0].Index));
        return (xml[..split], xml[split..]);
    }

    private static async Task<int> WriteRowsAsync(SheetRowWriter writer, IReadOnlyList<Kind> kinds, uint[] styles, uint quotedStyle,
        List<object?[]> sample, IAsyncEnumerator<object?[]>? rest, Func<object?[], double?>? rowHeight)
    {
        var r = 1;
        // A label's cell, and a day's (rows come in date order), is encoded once and then copied.
        var labels = kinds.Select(k => k == Kind.Label ? new Dictionary<string, byte[]>() : null).ToArray();
        var lastDate = DateTime.MinValue;
        byte[] lastDateCell = [];

        void Cell(SheetRowWriter to, int c, object value)
        {
            // Cells carry their column by position within the row (the r attribute is optional), which keeps the sheet
            // small: it is most of the file and of the time spent compressing it.
            switch (kinds[c])
            {
                case Kind.Date:
                    to.Number(styles[c], ((DateTime)value).ToOADate());
                    break;
                case Kind.Number:
                    switch (value)
                    {
                        case int i:
                            to.Number(styles[c], i);
                            break;
                        case long l:
                            to.Number(styles[c], l);
                            break;
                        case decimal d:
                            to.Number(styles[c], d);
                            break;
                        default:
                            to.Number(styles[c], Convert.ToDouble(value, CultureInfo.InvariantCulture));
                            break;
                    }
                    break;
                default:
                    var text = ReportCells.XmlSafe(value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                    to.Text(ReportCells.LooksLikeFormula(text) ? quotedStyle : styles[c], text);
                    break;
            }
        }

        // In a function of its own: a lambda in the row loop would allocate its closure on every cell, used or not.
        byte[] Prepare(int c, object value) => SheetRowWriter.Prepare(to => Cell(to, c, value));

        void Write(object?[] row)
        {
            r++;
            writer.StartRow(r, rowHeight?.Invoke(row));
            for (var c = 0; c < kinds.Count; c++)
            {
                var value = row[c];
                if (value is null)
                {
                    continue;
                }
                if (kinds[c] == Kind.Date && value is DateTime date)
                {
                    if (date != lastDate)
                    {
                        lastDate = date;
                        lastDateCell = Prepare(c, date);
                    }
                    writer.Prepared(lastDateCell);
                }
                else if (labels[c] is { } known && value is string label)
                {
                    if (known.TryGetValue(label, out var cell))
                    {
                        writer.Prepared(cell);
                    }
                    else if (known.Count < MaxLabels)
                    {
                        known.Add(label, cell = Prepare(c, label));
                        writer.Prepared(cell);
                    }
                    else
                    {
                        Cell(writer, c, label);
                    }
                }
                else
                {
                    Cell(writer, c, value);
                }
            }
            writer.EndRow();
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
