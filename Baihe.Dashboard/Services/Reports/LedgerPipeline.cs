using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ClosedXML.Excel;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// The streaming half of the report: the workbook laid out by ClosedXML is saved as a template, and the large sheet's
/// rows, read a batch ahead on another thread, are streamed into a copy of that package by <see cref="StreamedSheet"/>.
/// </summary>
internal static class LedgerPipeline
{
    /// <summary>A sheet whose rows are streamed into the saved package rather than held by ClosedXML.</summary>
    internal sealed record Ledger(string SheetName, string[] Headers, StreamedSheet.Kind[] Kinds, IAsyncEnumerable<object?[]> Rows);

    /// <summary>Saves the ClosedXML workbook and, when there is a ledger, streams its rows into the saved package.</summary>
    public static async Task<ReportFile> SaveAsync(XLWorkbook workbook, string fileName, int rows, Ledger? ledger, CancellationToken ct, Action<string>? mark = null)
    {
        using var template = new MemoryStream();
        workbook.SaveAs(template);
        mark?.Invoke("ClosedXML: save the template package");
        byte[] bytes;
        if (ledger is null)
        {
            bytes = ReportPrint.WithPrintTitlesFixed(template.ToArray());
        }
        else
        {
            using var output = new MemoryStream();
            rows += await StreamedSheet.WriteAsync(template, output, ledger.SheetName, ledger.Kinds, ledger.Headers.Length + 1, ledger.Rows,
                sample => ReportCells.Widths(ledger.Headers, sample), ct, ReportPrint.RowHeight(ledger.Headers));
            bytes = output.ToArray();
            mark?.Invoke("ledger: read from the database and streamed into the copied package");
        }
        return ReportFile.Of(fileName, bytes, rows);
    }

    /// <summary>
    /// Reads the rows on another thread, a batch ahead, so that reading the database and writing and compressing the
    /// sheet overlap: on two cores the ledger then costs about the slower of the two instead of their sum.
    /// </summary>
    public static async IAsyncEnumerable<object?[]> Prefetched(IAsyncEnumerable<object?[]> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        const int batchSize = 512;
        var batches = Channel.CreateBounded<List<object?[]>>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<object?[]>(batchSize);
                await foreach (var row in rows.WithCancellation(stop.Token))
                {
                    batch.Add(row);
                    if (batch.Count == batchSize)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token);
                        batch = new List<object?[]>(batchSize);
                    }
                }
                if (batch.Count > 0)
                {
                    await batches.Writer.WriteAsync(batch, stop.Token);
                }
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                foreach (var row in batch)
                {
                    yield return row;
                }
            }
        }
        finally
        {
            // A consumer that stops early (an error while writing) also stops the reader and closes its connection.
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
