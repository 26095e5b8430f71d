using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Reports;

/// <summary>
/// The database side of the monthly schedule, shared by every server: one lease row (a server runs the schedule only
/// while it holds it) and one run row per month (started, then completed), which says which months are done.
/// </summary>
/// <remarks>
/// Why a lease row rather than Quartz.NET's clustered job store: Quartz's ADO store needs its own eleven tables on both
/// engines (and has no SQLite-in-DbUp story), for one job a month. The lease is one conditional UPDATE whose rows
/// affected say who won; the run row keyed by month and the archive's unique index on a scheduled month make the run
/// once-only and the catch-up after downtime a comparison of months.
/// </remarks>
public sealed class ReportScheduleStore(DbConnectionFactory db)
{
    /// <summary>The lease row's name.</summary>
    public const string LeaseName = "MonthlyReports";

    // Taken when it has run out, or renewed by its own holder; the rows affected (1 or 0) say whether this server holds it.
    private const string TakeLeaseSql = """
        UPDATE ReportScheduleLease SET Holder = @Holder, LeaseUntil = @Until
        WHERE Name = @Name AND (LeaseUntil < @Now OR Holder = @Holder);
        """;

    private const string ReleaseLeaseSql = """
        UPDATE ReportScheduleLease SET LeaseUntil = @Now WHERE Name = @Name AND Holder = @Holder;
        """;

    private const string CompletedSql = "SELECT COUNT(*) FROM ReportScheduleRun WHERE Month = @Month AND CompletedAt IS NOT NULL;";

    private const string LastCompletedSql = "SELECT MAX(Month) FROM ReportScheduleRun WHERE CompletedAt IS NOT NULL;";

    private const string RunExistsSql = "SELECT COUNT(*) FROM ReportScheduleRun WHERE Month = @Month;";

    private const string StartRunSql = """
        INSERT INTO ReportScheduleRun (Month, Holder, StartedAt, CompletedAt, Reports) VALUES (@Month, @Holder, @Now, NULL, 0);
        """;

    private const string ResumeRunSql = "UPDATE ReportScheduleRun SET Holder = @Holder WHERE Month = @Month AND CompletedAt IS NULL;";

    private const string CompleteRunSql = """
        UPDATE ReportScheduleRun SET CompletedAt = @Now, Reports = @Reports WHERE Month = @Month AND CompletedAt IS NULL;
        """;

    private const string ScheduledCommunitySql = """
        SELECT COUNT(*) FROM ReportArchive WHERE IsScheduled = 1 AND Month = @Month AND CommunityId = @CommunityId;
        """;

    private const string ScheduledRollUpSql = """
        SELECT COUNT(*) FROM ReportArchive WHERE IsScheduled = 1 AND Month = @Month AND CommunityId IS NULL AND SubDistrictId = @SubDistrictId;
        """;

    private const string ScheduledCountSql = "SELECT COUNT(*) FROM ReportArchive WHERE IsScheduled = 1 AND Month = @Month;";

    /// <summary>
    /// Takes (or renews) the lease until <paramref name="until"/>; true when this holder now has it. Two servers calling
    /// at once: the database serialises the two updates and only the first finds the lease run out.
    /// </summary>
    public async Task<bool> TryTakeLeaseAsync(string holder, DateTime now, DateTime until, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(TakeLeaseSql, new { Name = LeaseName, Holder = holder, Now = now, Until = until }, cancellationToken: ct)) == 1;
    }

    /// <summary>Gives the lease back so another server need not wait for it to run out.</summary>
    public async Task ReleaseLeaseAsync(string holder, DateTime now, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(ReleaseLeaseSql, new { Name = LeaseName, Holder = holder, Now = now }, cancellationToken: ct));
    }

    /// <summary>Whether the schedule has completed <paramref name="month"/> (yyyy-MM).</summary>
    public async Task<bool> IsCompletedAsync(string month, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(CompletedSql, new { Month = month }, cancellationToken: ct)) > 0;
    }

    /// <summary>The latest month the schedule completed (yyyy-MM), or null before its first run.</summary>
    public async Task<string?> LastCompletedMonthAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<string?>(new CommandDefinition(LastCompletedSql, cancellationToken: ct));
    }

    /// <summary>Records that <paramref name="holder"/> runs <paramref name="month"/>: a new run row, or a resumed unfinished one.</summary>
    public async Task StartRunAsync(string month, string holder, DateTime now, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var exists = await conn.ExecuteScalarAsync<int>(new CommandDefinition(RunExistsSql, new { Month = month }, cancellationToken: ct)) > 0;
        await conn.ExecuteAsync(new CommandDefinition(exists ? ResumeRunSql : StartRunSql, new { Month = month, Holder = holder, Now = now }, cancellationToken: ct));
    }

    /// <summary>Marks <paramref name="month"/> completed, with the number of scheduled reports it holds.</summary>
    public async Task CompleteRunAsync(string month, DateTime now, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var reports = await conn.ExecuteScalarAsync<int>(new CommandDefinition(ScheduledCountSql, new { Month = month }, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(CompleteRunSql, new { Month = month, Now = now, Reports = reports }, cancellationToken: ct));
    }

    /// <summary>Whether the schedule already stored the report of <paramref name="scope"/> for <paramref name="month"/> (a resumed run skips it).</summary>
    public async Task<bool> HasScheduledAsync(ArchivedReportScope scope, string month, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var sql = scope.CommunityId is null ? ScheduledRollUpSql : ScheduledCommunitySql;
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { Month = month, scope.CommunityId, scope.SubDistrictId }, cancellationToken: ct)) > 0;
    }
}
