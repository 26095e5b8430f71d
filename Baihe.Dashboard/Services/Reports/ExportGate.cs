using System.Collections.Concurrent;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// One export at a time per server: a report reads a whole month and keeps the file in memory while it is built.
/// Each export may carry a ticket (the /reports page puts one in its download link), so the page can tell its user
/// that their export is waiting for another one.
/// </summary>
public sealed class ExportGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _waiting = new(StringComparer.Ordinal);

    /// <summary>True while an export is running.</summary>
    public bool Busy => _gate.CurrentCount == 0;

    /// <summary>True while the export with this ticket waits for another one to finish.</summary>
    public bool IsWaiting(string ticket) => _waiting.ContainsKey(ticket);

    /// <summary>Waits for the server's export slot; dispose the result to free it.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct, string? ticket = null)
    {
        if (ticket is null || _gate.Wait(0))
        {
            if (ticket is null)
            {
                await _gate.WaitAsync(ct);
            }
            return new Release(_gate);
        }
        _waiting[ticket] = 0;
        try
        {
            await _gate.WaitAsync(ct);
        }
        finally
        {
            _waiting.TryRemove(ticket, out _);
        }
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
