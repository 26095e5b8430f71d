using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Reports;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// One pass of the monthly schedule on one server: if a month is due and not completed, take the lease, generate every
/// community's report and each sub-district's roll-up that the schedule has not stored yet, and mark the month done.
/// Every server calls this; the lease lets one of them work at a time, and what is already stored is skipped, so a run
/// interrupted by a crash is finished by the next holder without a second copy of anything.
/// </summary>
public sealed class MonthlyReportRunner(ReportArchiver archiver, ReportScheduleStore store, CommunityQueries communities, ScheduleCalendar calendar,
    ReportScheduleOptions options, TimeProvider time, BaiheClock clock, ILogger<MonthlyReportRunner> log)
{
    /// <summary>This server's name in the lease row: unique per process, so two servers on one host differ too.</summary>
    public string Holder { get; } = Cut($"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}");

    /// <summary>
    /// Runs every due month not yet completed (after downtime, up to <see cref="ReportScheduleOptions.CatchUpMonths"/>).
    /// Returns <see cref="RunOutcome.Busy"/> when another server holds the lease, so the caller can look again once it
    /// could have run out.
    /// </summary>
    public async Task<RunOutcome> RunDueAsync(CancellationToken ct = default)
    {
        var due = calendar.DueMonth(time.GetUtcNow());
        if (await store.IsCompletedAsync(due, ct))
        {
            return RunOutcome.NothingDue;
        }
        if (!await store.TryTakeLeaseAsync(Holder, clock.Now, LeaseEnd(), ct))
        {
            return RunOutcome.Busy;
        }
        try
        {
            var months = ScheduleCalendar.MonthsToRun(await store.LastCompletedMonthAsync(ct), due, options.CatchUpMonths);
            foreach (var month in months)
            {
                // Looked at again under the lease: another server may have finished it while this one waited.
                if (await store.IsCompletedAsync(month, ct))
                {
                    continue;
                }
                if (!await RunMonthAsync(month, ct))
                {
                    return RunOutcome.Busy;
                }
            }
            return RunOutcome.Ran;
        }
        finally
        {
            await store.ReleaseLeaseAsync(Holder, clock.Now, CancellationToken.None);
        }
    }

    // False when the lease was lost part-way (this server was too slow): the new holder finishes the month.
    private async Task<bool> RunMonthAsync(string month, CancellationToken ct)
    {
        await store.StartRunAsync(month, Holder, clock.Now, ct);
        var all = await communities.ListAsync(ct);
        var scopes = all.Select(c => new ArchivedReportScope(c.Id, c.SubDistrictId))
            .Concat(all.Select(c => c.SubDistrictId).Distinct().Order().Select(sd => new ArchivedReportScope(null, sd)))
            .ToList();
        foreach (var scope in scopes)
        {
            if (await store.HasScheduledAsync(scope, month, ct))
            {
                continue;
            }
            var system = scope.CommunityId is int community
                ? new Actor(0, "schedule", Roles.Secretary, scope.SubDistrictId, community, null)
                : new Actor(0, "schedule", Roles.Official, scope.SubDistrictId, null, null);
            var result = await archiver.GenerateAsync(system, scope, month, ReportArchiveCommands.ScheduleName, scheduled: true, ct);
            if (result.Error is { } error && error != ReportArchiveCommands.AlreadyScheduled)
            {
                log.LogError("Scheduled report of {Month} for community {Community} / sub-district {SubDistrict} failed: {Error}",
                    month, scope.CommunityId, scope.SubDistrictId, error);
            }
            if (!await store.TryTakeLeaseAsync(Holder, clock.Now, LeaseEnd(), ct))
            {
                log.LogWarning("Lost the report schedule's lease during {Month}; another server finishes it", month);
                return false;
            }
        }
        await store.CompleteRunAsync(month, clock.Now, ct);
        log.LogInformation("Scheduled reports of {Month} stored: {Count} scopes", month, scopes.Count);
        return true;
    }

    private static string Cut(string text) => text.Length > 100 ? text[..100] : text;

    private DateTime LeaseEnd() => clock.Now.AddMinutes(Math.Max(1, options.LeaseMinutes));
}
