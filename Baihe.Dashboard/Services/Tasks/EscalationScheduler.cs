using Baihe.Data.Tasks;

namespace Baihe.Dashboard.Services.Tasks;

/// <summary>
/// Runs the 催办/督办 scan in every server every <see cref="TaskEscalationOptions.ScanSeconds"/>. No lease is taken:
/// the scan records each escalation once whoever runs it (see <see cref="EscalationScanner"/>), so a second server only
/// repeats a read. Time comes from <see cref="TimeProvider"/>, so tests move it.
/// </summary>
public sealed class EscalationScheduler(EscalationScanner scanner, TaskEscalationOptions options, TimeProvider time,
    ILogger<EscalationScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The first scan runs as the server starts, not a tick later: what fell due while no server ran (or, in the
            // demo, the seeded late tasks) is escalated and told before the first person opens the bell.
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await scanner.ScanAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed scan (the database away for a moment) is retried at the next tick; nothing was half-written.
                    log.LogWarning(e, "The escalation scan failed; it tries again at the next tick");
                }
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.ScanSeconds)), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
