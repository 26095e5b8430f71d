using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;

namespace Baihe.Data.Reports;

/// <summary>
/// Stores generated reports in the archive (a new version each time, the old ones kept) and hands them out again, each
/// step checked against <see cref="ReportRules"/> inside its transaction and audited.
/// </summary>
public sealed class ReportArchiveCommands(DbConnectionFactory db, BaiheClock clock, EmailOutbox? email = null)
{
    /// <summary>Who "generated" a report the monthly schedule made, as the history shows it.</summary>
    public const string ScheduleName = "系统定时任务";

    /// <summary>The message of a download of a report the actor may not see, or that does not exist.</summary>
    public const string DownloadRefusal = "找不到这份存档报表，或您无权下载。";

    /// <summary>The message of a generation the actor may not make.</summary>
    public const string GenerateRefusal = "您无权生成这份报表。";

    /// <summary>What a second scheduled report of the same month is refused with (the schedule skips it).</summary>
    public const string AlreadyScheduled = "本月的定时报表已经生成。";

    private const string NextVersionSql = """
        SELECT COALESCE(MAX(Version), 0) + 1 FROM ReportArchive
        WHERE ((@CommunityId IS NULL AND CommunityId IS NULL AND SubDistrictId = @SubDistrictId) OR CommunityId = @CommunityId)
          AND Month = @Month;
        """;

    private const string InsertSql = """
        INSERT INTO ReportArchive (CommunityId, SubDistrictId, Month, Version, IsScheduled, GeneratedBy, GeneratedByUserId, GeneratedAt,
                                   FileName, Sha256, SizeBytes, DetailRows, Content)
        VALUES (@CommunityId, @SubDistrictId, @Month, @Version, @IsScheduled, @GeneratedBy, @GeneratedByUserId, @GeneratedAt,
                @FileName, @Sha256, @SizeBytes, @DetailRows, @Content);
        """;

    private const string TargetSql = "SELECT SubDistrictId FROM Community WHERE Id = @Id;";

    private const string ScopeSql = "SELECT Id, CommunityId, SubDistrictId FROM ReportArchive WHERE Id = @Id;";

    private const string FileSql = "SELECT Id, CommunityId, SubDistrictId, FileName, Sha256, Content FROM ReportArchive WHERE Id = @Id;";

    /// <summary>
    /// Stores a report built for <paramref name="scope"/> as the next version of its month. A user's report is
    /// re-checked with <see cref="ReportRules.CanGenerate"/>; a scheduled one (<paramref name="scheduled"/>, actor id 0)
    /// is unique per scope and month, so a second server storing the same month is refused with
    /// <see cref="AlreadyScheduled"/> and writes nothing. Success carries the new row's id.
    /// </summary>
    public Task<CommandResult> StoreAsync(Actor actor, ArchivedReportScope scope, string month, bool scheduled, string generatedBy,
        string fileName, byte[] content, int detailRows, string sha256, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var attempted = new { scope.CommunityId, scope.SubDistrictId, Month = month, Scheduled = scheduled };
            ReportTarget? target = null;
            if (scope.CommunityId is int community)
            {
                var subDistrict = await w.ScalarAsync<int?>(TargetSql, new { Id = community });
                target = subDistrict is int sd ? new ReportTarget(community, sd, []) : null;
            }
            var allowed = scope.CommunityId is null || target?.SubDistrictId == scope.SubDistrictId;
            if (!allowed || !ReportRules.CanGenerate(actor, scope, target) || (scheduled && actor.UserId != 0))
            {
                throw await w.DeniedAsync("Report.Archive", scope.IsRollUp ? "SubDistrict" : "Community",
                    scope.CommunityId ?? scope.SubDistrictId, attempted, GenerateRefusal);
            }
            var version = await w.ScalarAsync<int>(NextVersionSql, new { scope.CommunityId, scope.SubDistrictId, Month = month });
            int id;
            try
            {
                id = await w.InsertAsync(InsertSql, new
                {
                    scope.CommunityId, scope.SubDistrictId, Month = month, Version = version, IsScheduled = scheduled,
                    GeneratedBy = generatedBy.Length > 40 ? generatedBy[..40] : generatedBy,
                    GeneratedByUserId = actor.UserId > 0 ? actor.UserId : (int?)null, GeneratedAt = w.Now,
                    FileName = fileName, Sha256 = sha256, SizeBytes = content.Length, DetailRows = detailRows, Content = content,
                });
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                // Another generation of the same month took this version (or, for the schedule, the month) first.
                return CommandResult.Fail(scheduled ? AlreadyScheduled : CommandResult.StaleMessage);
            }
            await NotificationWriter.ReportReadyAsync(w, id, scope.CommunityId, scope.SubDistrictId, month, email);
            w.Audit("Report.Archive", "ReportArchive", id, null,
                new { scope.CommunityId, scope.SubDistrictId, Month = month, Version = version, Scheduled = scheduled, Sha256 = sha256, Size = content.Length });
            return CommandResult.Success(id);
        }, ct);

    /// <summary>
    /// The bytes of archived report <paramref name="id"/> for an actor who may see it (<see cref="ReportRules.CanReadArchived"/>),
    /// with an audit row of the download. An id that does not exist or lies outside the actor's view is refused with
    /// <see cref="DownloadRefusal"/> and audited: the exception is thrown.
    /// </summary>
    public async Task<ArchivedReportFile> DownloadAsync(Actor actor, int id, CancellationToken ct = default)
    {
        ArchivedReportFile? file = null;
        await WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var scope = await w.SingleOrDefaultAsync<ArchivedReportFile>(ScopeSql, new { Id = id });
            if (scope is null || !ReportRules.CanReadArchived(actor, new ArchivedReportScope(scope.CommunityId, scope.SubDistrictId)))
            {
                throw await w.DeniedAsync("Report.Download", "ReportArchive", id, null, DownloadRefusal);
            }
            file = await w.SingleOrDefaultAsync<ArchivedReportFile>(FileSql, new { Id = id });
            w.Audit("Report.Download", "ReportArchive", id, null, new { file!.Sha256 });
            return CommandResult.Success(id);
        }, ct);
        return file!;
    }

    /// <summary>
    /// Audits a generation <see cref="ReportRules.CanGenerate"/> refused before anything was built, and returns the
    /// exception carrying the Chinese message to show.
    /// </summary>
    public Task<AccessDeniedException> RecordRefusalAsync(Actor actor, ArchivedReportScope scope, string month, CancellationToken ct = default) =>
        Journal.DeniedAsync(db, actor, clock.Now, "Report.Archive", scope.IsRollUp ? "SubDistrict" : "Community",
            scope.CommunityId ?? scope.SubDistrictId, new { scope.CommunityId, scope.SubDistrictId, Month = month }, ct, GenerateRefusal);
}
