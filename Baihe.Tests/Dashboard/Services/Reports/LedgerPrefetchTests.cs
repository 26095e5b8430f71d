using System.Runtime.CompilerServices;
using Baihe.Dashboard.Services.Reports;

namespace Baihe.Tests.Dashboard.Services.Reports;

/// <summary>The ledger's reader runs ahead on another thread; it must deliver every row in order and never outlive the export.</summary>
public sealed class LedgerPrefetchTests
{
    [Fact]
    public async Task EveryRow_ArrivesOnce_InOrder()
    {
        await using var prefetch = LedgerPipeline.Start(Source(5_000, new Probe()), CancellationToken.None);

        var seen = new List<int>();
        await foreach (var row in prefetch.RowsAsync())
        {
            seen.Add((int)row[0]!);
        }

        Assert.Equal(Enumerable.Range(0, 5_000), seen);
    }

    [Fact]
    public async Task AnExportThatNeverWritesTheSheet_StillStopsTheReader_AndClosesItsSource()
    {
        var probe = new Probe();
        var prefetch = LedgerPipeline.Start(Source(1_000_000, probe), CancellationToken.None);
        // The reader fills what it may read ahead, then waits for a writer that never comes (a failed layout).
        await probe.Reached(LedgerPipeline.Ahead).WaitAsync(TimeSpan.FromSeconds(30));

        await prefetch.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(probe.Closed, "the reader's source (its connection) was left open");
        Assert.InRange(probe.Produced, LedgerPipeline.Ahead, LedgerPipeline.Ahead + 2 * 512);
    }

    [Fact]
    public async Task AReadError_ReachesTheWriter()
    {
        await using var prefetch = LedgerPipeline.Start(Failing(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in prefetch.RowsAsync())
            {
            }
        });
        Assert.Equal("disk gone", error.Message);
    }

    private sealed class Probe
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _target = int.MaxValue;

        public int Produced;
        public bool Closed;

        public Task Reached(int rows)
        {
            _target = rows;
            if (Volatile.Read(ref Produced) >= rows)
            {
                _reached.TrySetResult();
            }
            return _reached.Task;
        }

        public void Count()
        {
            if (Interlocked.Increment(ref Produced) >= _target)
            {
                _reached.TrySetResult();
            }
        }
    }

    private static async IAsyncEnumerable<object?[]> Source(int rows, Probe probe, [EnumeratorCancellation] CancellationToken ct = default)
    {
        try
        {
            for (var i = 0; i < rows; i++)
            {
                ct.ThrowIfCancellationRequested();
                probe.Count();
                yield return [i];
                if (i % 512 == 0)
                {
                    await Task.Yield();
                }
            }
        }
        finally
        {
            probe.Closed = true;
        }
    }

    private static async IAsyncEnumerable<object?[]> Failing()
    {
        yield return [1];
        await Task.Yield();
        throw new InvalidOperationException("disk gone");
    }
}
