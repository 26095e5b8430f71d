using System.Runtime.CompilerServices;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Data.Reports;
using ClosedXML.Excel;
using static Baihe.Dashboard.Services.Reports.ReportCells;

namespace Baihe.Dashboard.Services.Reports.Sheets;

/// <summary>
/// 积分明细, the one sheet that grows to 100k rows a month: ClosedXML lays it out with one template row, and
/// <see cref="LedgerPipeline"/> streams the month's rows from the data reader into the saved package.
/// </summary>
internal static class LedgerSheet
{
    public const string Name = "积分明细";

    private static readonly string[] Headers = ["日期", "居民", "网格", "板块", "积分", "来源", "备注", "记录人"];

    private static readonly StreamedSheet.Kind[] Kinds =
    [
        StreamedSheet.Kind.Date, StreamedSheet.Kind.Label, StreamedSheet.Kind.Label, StreamedSheet.Kind.Label,
        StreamedSheet.Kind.Number, StreamedSheet.Kind.Label, StreamedSheet.Kind.Text, StreamedSheet.Kind.Label,
    ];

    /// <summary>
    /// Starts reading the month's rows of every community of <paramref name="communities"/>, on another thread, before
    /// the other sheets are queried and laid out, so reading overlaps that work; the caller disposes it.
    /// </summary>
    public static LedgerPipeline.Prefetch Start(IReadOnlyList<CommunityRow> communities, ReportQueries reports, Period month, bool rollUp, CancellationToken ct) =>
        LedgerPipeline.Start(RowsAsync(communities, reports, month, rollUp, ct), ct);

    /// <summary>
    /// Lays out the sheet and returns the rows still to stream into it, or null when the month has none by
    /// <paramref name="count"/> (the sheet then says so). The template row's cell styles say how to write each column; the column after the last carries the
    /// quote-prefix text style.
    /// </summary>
    public static LedgerPipeline.Ledger? Write(XLWorkbook workbook, bool rollUp, LedgerPipeline.Prefetch rows, int count)
    {
        var headers = With(rollUp, Headers);
        if (count == 0)
        {
            Table(workbook, Name, headers, []);
            return null;
        }
        object?[] template = [new DateTime(2000, 1, 1), "x", "x", "x", 1, "x", "x", "x"];
        Table(workbook, Name, headers, [rollUp ? ["x", .. template] : template]);
        var quoted = workbook.Worksheet(Name).Cell(2, headers.Length + 1);
        quoted.SetValue("x");
        quoted.Style.IncludeQuotePrefix = true;
        return new LedgerPipeline.Ledger(Name, headers, rollUp ? [StreamedSheet.Kind.Label, .. Kinds] : Kinds, rows.RowsAsync());
    }

    /// <summary>The ledger rows of every community in turn, straight from the data reader.</summary>
    private static async IAsyncEnumerable<object?[]> RowsAsync(IReadOnlyList<CommunityRow> communities, ReportQueries reports, Period month, bool rollUp, [EnumeratorCancellation] CancellationToken ct)
    {
        // A day's lines share one boxed date.
        object day = DateTime.MinValue;
        foreach (var community in communities)
        {
            await foreach (var l in reports.LedgerStreamAsync(community.Id, month, ct))
            {
                if ((DateTime)day != l.OccurredOn)
                {
                    day = l.OccurredOn;
                }
                object?[] row = [day, l.Name, l.Grid, l.Source == PointSource.Redemption ? "—" : l.Area, l.Points, PointsLabels.Source(l.Source), l.Note, l.RecordedBy];
                yield return rollUp ? [community.Name, .. row] : row;
            }
        }
    }
}
