using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// Fills one large sheet of a ClosedXML-built workbook by streaming rows with OpenXmlWriter. ClosedXML keeps every
/// cell as an object, which costs seconds and hundreds of megabytes at 100k rows; here ClosedXML lays out the sheet
/// (headers, widths, frozen row, print setup) with one template row whose cell styles say how to write each column,
/// and the rows are then written straight into the package.
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

    /// <summary>
    /// Replaces row 2 (the template) of <paramref name="sheetName"/> with <paramref name="rows"/>. Cell styles are taken from
    /// the template row: column c of row 2 gives the style for that column, and cell <paramref name="quotedStyleCell"/> of
    /// row 2 gives the quote-prefix text style.
    /// </summary>
    public static void Fill(Stream package, string sheetName, IReadOnlyList<Kind> kinds, int quotedStyleCell, IEnumerable<object?[]> rows, int rowCount)
    {
        using var document = SpreadsheetDocument.Open(package, true);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var oldPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
        var worksheet = oldPart.Worksheet;
        var template = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Single(r => r.RowIndex! == 2);
        var templateCells = template.Elements<Cell>().ToList();
        var styles = kinds.Select((_, c) => templateCells.ElementAtOrDefault(c)?.StyleIndex?.Value ?? 0U).ToArray();
        var quotedStyle = templateCells.ElementAtOrDefault(quotedStyleCell - 1)?.StyleIndex?.Value ?? 0U;
        var lastColumn = ColumnName(kinds.Count);
        var lastRow = Math.Max(rowCount + 1, 2);

        var newPart = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(newPart))
        {
            writer.WriteStartElement(new Worksheet());
            foreach (var child in worksheet.ChildElements)
            {
                switch (child)
                {
                    case SheetDimension:
                        writer.WriteElement(new SheetDimension { Reference = $"A1:{lastColumn}{lastRow}" });
                        break;
                    case SheetData data:
                        writer.WriteStartElement(new SheetData());
                        writer.WriteElement((Row)data.Elements<Row>().Single(r => r.RowIndex! == 1).CloneNode(true));
                        WriteRows(writer, kinds, styles, quotedStyle, rows);
                        writer.WriteEndElement();
                        break;
                    case AutoFilter:
                        writer.WriteElement(new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" });
                        break;
                    default:
                        writer.WriteElement(child);
                        break;
                }
            }
            writer.WriteEndElement();
        }
        // The new part replaces the old one under the same sheet, so print titles still apply; the filter's hidden
        // defined name is widened to the rows written.
        var sheetIndex = (uint)workbookPart.Workbook.Sheets!.Elements<Sheet>().TakeWhile(s => s != sheet).Count();
        foreach (var name in workbookPart.Workbook.DefinedNames?.Elements<DefinedName>() ?? [])
        {
            if (name.Name == "_xlnm._FilterDatabase" && name.LocalSheetId?.Value == sheetIndex)
            {
                name.Text = $"'{sheetName}'!$A$1:${lastColumn}${lastRow}";
            }
        }
        var newId = workbookPart.GetIdOfPart(newPart);
        sheet.Id = newId;
        workbookPart.DeletePart(oldPart);
        workbookPart.Workbook.Save();
    }

    private static void WriteRows(OpenXmlWriter writer, IReadOnlyList<Kind> kinds, uint[] styles, uint quotedStyle, IEnumerable<object?[]> rows)
    {
        uint r = 1;
        foreach (var row in rows)
        {
            r++;
            writer.WriteStartElement(new Row { RowIndex = r });
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
                        writer.WriteElement(new Cell { StyleIndex = styles[c], CellValue = new CellValue(((DateTime)value).ToOADate()) });
                        break;
                    case Kind.Number:
                        writer.WriteElement(new Cell { StyleIndex = styles[c], CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)) });
                        break;
                    default:
                        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                        var t = new Text(text);
                        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                        {
                            t.Space = SpaceProcessingModeValues.Preserve;
                        }
                        writer.WriteElement(new Cell
                        {
                            DataType = CellValues.InlineString,
                            StyleIndex = MonthlyReport.LooksLikeFormula(text) ? quotedStyle : styles[c],
                            InlineString = new InlineString(t),
                        });
                        break;
                }
            }
            writer.WriteEndElement();
        }
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
