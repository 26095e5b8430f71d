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
    /// Starts reading the rows on another thread now, up to <see cref="Ahead"/> rows ahead of the writer, so that reading
    /// the database overlaps the other sheets' queries, ClosedXML's layout and the writing and compressing of the sheet:
    /// on two cores the ledger then costs about the slower of the two instead of their sum. Dispose it to stop the
    /// reader (and close its connection) whether or not the rows were written.
    /// </summary>
    public static Prefetch Start(IAsyncEnumerable<object?[]> rows, CancellationToken ct) => new(rows, ct);

    /// <summary>How far the reader may run ahead of the writer: enough rows to keep reading through ClosedXML's work, and a bound on memory (about 15 MB).</summary>
    public const int Ahead = 64 * BatchSize;

    private const int BatchSize = 512;

    /// <summary>Rows being read a batch at a time on another thread; enumerate them once.</summary>
    internal sealed class Prefetch : IAsyncDisposable
    {
        private readonly Channel<List<object?[]>> _batches = Channel.CreateBounded<List<object?[]>>(
            new BoundedChannelOptions(Ahead / BatchSize) { SingleReader = true, SingleWriter = true });
        private readonly CancellationTokenSource _stop;
        private readonly Task _producer;

        public Prefetch(IAsyncEnumerable<object?[]> rows, CancellationToken ct)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _producer = Task.Run(() => ProduceAsync(rows), CancellationToken.None);
        }

        /// <summary>The rows in order, as the reader delivers them.</summary>
        public async IAsyncEnumerable<object?[]> RowsAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            await foreach (var batch in _batches.Reader.ReadAllAsync(ct))
            {
                foreach (var row in batch)
                {
                    yield return row;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            // A writer that stopped early (an error while writing, or never started) also stops the reader.
            await _stop.CancelAsync();
            try
            {
                await _producer;
            }
            catch (OperationCanceledException)
            {
            }
            _stop.Dispose();
        }

        private async Task ProduceAsync(IAsyncEnumerable<object?[]> rows)
        {
            try
            {
                var batch = new List<object?[]>(BatchSize);
                await foreach (var row in rows.WithCancellation(_stop.Token))
                {
                    batch.Add(row);
                    if (batch.Count == BatchSize)
                    {
                        await _batches.Writer.WriteAsync(batch, _stop.Token);
                        batch = new List<object?[]>(BatchSize);
                    }
                }
                if (batch.Count > 0)
                {
                    await _batches.Writer.WriteAsync(batch, _stop.Token);
                }
                _batches.Writer.Complete();
            }
            catch (Exception e)
            {
                _batches.Writer.Complete(e);
            }
        }
    }
}
