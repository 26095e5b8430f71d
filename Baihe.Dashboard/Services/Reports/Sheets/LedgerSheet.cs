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
        StreamedSheet.Kind.Date, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text,
        StreamedSheet.Kind.Number, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text, StreamedSheet.Kind.Text,
    ];

    /// <summary>
    /// Starts reading the month's rows of every community of <paramref name="communities"/> that has any, on another
    /// thread, or returns null when none has (the sheet then says so). Started before the other sheets are queried and
    /// laid out, so reading overlaps that work; the caller disposes it.
    /// </summary>
    public static LedgerPipeline.Prefetch? Start(IReadOnlyList<(CommunityRow Community, int Rows)> communities, ReportQueries reports, Period month, bool rollUp, CancellationToken ct) =>
        communities.Any(c => c.Rows > 0)
            ? LedgerPipeline.Start(RowsAsync([.. communities.Where(c => c.Rows > 0).Select(c => c.Community)], reports, month, rollUp, ct), ct)
            : null;

    /// <summary>
    /// Lays out the sheet and returns the rows still to stream into it, or null when the month has none (the sheet then
    /// says so). The template row's cell styles say how to write each column; the column after the last carries the
    /// quote-prefix text style.
    /// </summary>
    public static LedgerPipeline.Ledger? Write(XLWorkbook workbook, bool rollUp, LedgerPipeline.Prefetch? rows)
    {
        var headers = With(rollUp, Headers);
        if (rows is null)
        {
            Table(workbook, Name, headers, []);
            return null;
        }
        object?[] template = [new DateTime(2000, 1, 1), "x", "x", "x", 1, "x", "x", "x"];
        Table(workbook, Name, headers, [rollUp ? ["x", .. template] : template]);
        var quoted = workbook.Worksheet(Name).Cell(2, headers.Length + 1);
        quoted.SetValue("x");
        quoted.Style.IncludeQuotePrefix = true;
        return new LedgerPipeline.Ledger(Name, headers, rollUp ? [StreamedSheet.Kind.Text, .. Kinds] : Kinds, rows.RowsAsync());
    }

    /// <summary>The ledger rows of every community in turn, straight from the data reader.</summary>
    private static async IAsyncEnumerable<object?[]> RowsAsync(IReadOnlyList<CommunityRow> communities, ReportQueries reports, Period month, bool rollUp, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var community in communities)
        {
            await foreach (var l in reports.LedgerStreamAsync(community.Id, month, ct))
            {
                object?[] row = [l.OccurredOn, l.Name, l.Grid, l.Source == PointSource.Redemption ? "—" : l.Area, l.Points, PointsLabels.Source(l.Source), l.Note, l.RecordedBy];
                yield return rollUp ? [community.Name, .. row] : row;
            }
        }
    }
}
