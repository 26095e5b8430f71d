namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// The monthly schedule in the web host: shortly after start-up it catches up a missed run (no server was up on the
/// 1st), then sleeps until the next run time (06:00 China time on the 1st, by <see cref="ScheduleCalendar"/>), runs,
/// and repeats. When another server holds the lease it looks again after the lease's length, so a server that died
/// mid-run is replaced. Time comes from <see cref="TimeProvider"/>, so tests move it.
/// </summary>
public sealed class MonthlyReportScheduler(MonthlyReportRunner runner, ScheduleCalendar calendar, ReportScheduleOptions options, TimeProvider time,
    ILogger<MonthlyReportScheduler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, options.StartDelaySeconds)), time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                RunOutcome outcome;
                try
                {
                    outcome = await runner.RunDueAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed pass (the database away for a moment) is retried later, never ends the schedule.
                    log.LogError(e, "The monthly report schedule failed; it tries again later");
                    outcome = RunOutcome.Busy;
                }
                var now = time.GetUtcNow();
                var wait = outcome == RunOutcome.Busy
                    ? TimeSpan.FromMinutes(Math.Max(1, options.LeaseMinutes))
                    : calendar.NextRun(now) - now;
                await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
