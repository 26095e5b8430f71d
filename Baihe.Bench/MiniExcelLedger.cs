using Baihe.Data.Reports;
using MiniExcelLibs;

namespace Baihe.Bench;

/// <summary>
/// The export benchmark's second baseline: the same ledger rows, the same eight columns, written as one sheet by
/// MiniExcel (a streaming writer with its own XML, no OpenXml SDK), rows handed over in memory as for the raw writer.
/// </summary>
public static class MiniExcelLedger
{
    /// <summary>Writes the workbook to memory and returns its size.</summary>
    public static long Write(IReadOnlyList<LedgerLine> ledger)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(ledger.Select(l => new Row(l.OccurredOn, l.Name, l.Grid, l.Area, l.Points, l.Source, l.Note ?? "", l.RecordedBy ?? "")),
            sheetName: "积分明细");
        return stream.Length;
    }

    /// <summary>One ledger line as MiniExcel reads it: public properties, in column order.</summary>
    public sealed class Row(DateTime occurredOn, string name, string grid, string area, int points, string source, string note, string recordedBy)
    {
        public DateTime OccurredOn { get; } = occurredOn;
        public string Name { get; } = name;
        public string Grid { get; } = grid;
        public string Area { get; } = area;
        public int Points { get; } = points;
        public string Source { get; } = source;
        public string Note { get; } = note;
        public string RecordedBy { get; } = recordedBy;
    }
}
