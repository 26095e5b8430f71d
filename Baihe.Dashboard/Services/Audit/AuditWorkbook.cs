using System.Security.Cryptography;
using Baihe.Dashboard.Services.Reports;
using Baihe.Data.Audit;
using ClosedXML.Excel;

namespace Baihe.Dashboard.Services.Audit;

/// <summary>
/// The audit log as a workbook, for the viewer's export and the archive: one row per audit row, before → after as
/// readable lines, every text cell written by <see cref="ReportCells.Put"/> (so text that starts like a formula stays
/// text), and phone numbers masked unless the reader sees whole phones.
/// </summary>
public static class AuditWorkbook
{
    /// <summary>The sheet's column headers.</summary>
    public static readonly string[] Headers = ["时间", "操作人", "操作", "操作代码", "记录类型", "记录编号", "社区", "变更内容"];

    private static readonly double[] Widths = [17, 14, 22, 26, 12, 10, 14, 60];

    /// <summary>Writes the workbook to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<AuditRow> rows, bool fullPhones)
    {
        using var workbook = new XLWorkbook();
        var ws = workbook.AddWorksheet("操作日志");
        for (var c = 0; c < Headers.Length; c++)
        {
            ws.Cell(1, c + 1).SetValue(Headers[c]);
        }
        ws.Range(1, 1, 1, Headers.Length).Style.Font.SetBold().Fill.SetBackgroundColor(ReportCells.HeaderFill);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var changes = string.Join("\n", AuditDiff.Lines(row.BeforeJson, row.AfterJson, fullPhones));
            object?[] values =
            [
                row.OccurredAt, row.UserName, AuditLabels.Action(row.Action), row.Action, AuditLabels.EntityType(row.EntityType),
                row.EntityId, row.CommunityName, changes,
            ];
            for (var c = 0; c < values.Length; c++)
            {
                ReportCells.Put(ws.Cell(r + 2, c + 1), values[c]);
            }
        }
        if (rows.Count == 0)
        {
            ws.Cell(2, 1).SetValue("没有符合条件的记录");
        }
        ws.Column(Headers.Length).Style.Alignment.WrapText = true;
        // Fixed widths: ClosedXML's auto-fit measures fonts through GDI+, which throws on Linux servers.
        ReportCells.Finish(ws, 1, Widths);
        ws.Range(1, 1, Math.Max(rows.Count + 1, 2), Headers.Length).SetAutoFilter();
        workbook.SaveAs(stream);
    }

    /// <summary>The workbook's bytes.</summary>
    public static byte[] Build(IReadOnlyList<AuditRow> rows, bool fullPhones)
    {
        using var stream = new MemoryStream();
        Write(stream, rows, fullPhones);
        return stream.ToArray();
    }

    /// <summary>The SHA-256 of a file's bytes, as lower-case hex.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
