namespace Baihe.Dashboard.Services.Reports;

/// <summary>One export at a time per server: a report holds a whole month in memory while it is built.</summary>
public sealed class ExportGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>True while another export is running, so the page can say the next one will wait.</summary>
    public bool Busy => _gate.CurrentCount == 0;

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
