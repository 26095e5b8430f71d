using Baihe.Data.Import;
using ClosedXML.Excel;

namespace Baihe.Tests.TestSupport;

/// <summary>Roster workbooks for import tests, written with ClosedXML as a user's Excel would save them.</summary>
public static class ImportWorkbooks
{
    /// <summary>A workbook with the template's sheets and headers and these rows (each cell a string, a number or a date).</summary>
    public static byte[] Build(IEnumerable<object?[]> residents, IEnumerable<object?[]>? memberships = null,
        Action<XLWorkbook>? tweak = null)
    {
        using var workbook = new XLWorkbook();
        Sheet(workbook, ImportLayout.ResidentSheet, ImportLayout.ResidentHeaders, residents);
        Sheet(workbook, ImportLayout.MembershipSheet, ImportLayout.MembershipHeaders, memberships ?? []);
        tweak?.Invoke(workbook);
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static void Sheet(XLWorkbook workbook, string name, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        var ws = workbook.AddWorksheet(name);
        for (var c = 0; c < headers.Count; c++)
        {
            ws.Cell(1, c + 1).SetValue(headers[c]);
        }
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                var cell = ws.Cell(r, c + 1);
                switch (row[c])
                {
                    case null: break;
                    case DateTime d: cell.SetValue(d); break;
                    case double n: cell.SetValue(n); break;
                    case int n: cell.SetValue(n); break;
                    case long n: cell.SetValue(n); break;
                    default: cell.SetValue(row[c]!.ToString()); break;
                }
            }
            r++;
        }
    }
}
