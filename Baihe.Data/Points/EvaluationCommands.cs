using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Notifications;

namespace Baihe.Data.Points;

/// <summary>
/// 一年两评选: a secretary shortlists the top N of a half-year by points earned (ties at the cut all stay in), marks
/// winners, publishes them for a 公示 period and archives the result. The shortlist is a snapshot: points recorded
/// later never change it, and an archived evaluation cannot be changed at all.
/// </summary>
public sealed class EvaluationCommands(DbConnectionFactory db, BaiheClock clock, EmailOutbox? email = null)
{
    private const string InsertEvaluationSql = """
        INSERT INTO Evaluation (CommunityId, Year, Half, CategoryId, ShortlistSize, Status)
        VALUES (@CommunityId, @Year, @Half, @CategoryId, @ShortlistSize, 'Draft');
        """;

    private const string InsertResultSql = """
        INSERT INTO EvaluationResult (EvaluationId, MemberId, Rank, Points, IsWinner) VALUES (@EvaluationId, @MemberId, @Rank, @Points, 0);
        """;

    private const string EvaluationSql = """
        SELECT Id, CommunityId, Status, PublicityEndsOn FROM Evaluation WHERE Id = @EvaluationId;
        """;

    private const string LockEvaluationSqlServer = "SELECT Id FROM Evaluation WITH (UPDLOCK, HOLDLOCK) WHERE Id = @EvaluationId;";

    // Only while the evaluation is still a draft, in the same statement: a 公示 committed after this command read the
    // status leaves the winners as they were published.
    private const string SetWinnerSql = """
        UPDATE EvaluationResult SET IsWinner = @IsWinner
        WHERE EvaluationId = @EvaluationId AND MemberId = @MemberId
          AND EXISTS (SELECT 1 FROM Evaluation e WHERE e.Id = @EvaluationId AND e.Status = 'Draft');
        """;

    private const string ShortlistedSql = "SELECT COUNT(*) FROM EvaluationResult WHERE EvaluationId = @EvaluationId AND MemberId = @MemberId;";

    private const string WinnersSql = "SELECT COUNT(*) FROM EvaluationResult WHERE EvaluationId = @EvaluationId AND IsWinner = 1;";

    private const string PubliciseSql = """
        UPDATE Evaluation SET Status = 'Publicised', PublicityEndsOn = @EndsOn WHERE Id = @EvaluationId AND Status = 'Draft';
        """;

    private const string ArchiveSql = """
        UPDATE Evaluation SET Status = 'Archived', ArchivedAt = @Now WHERE Id = @EvaluationId AND Status = 'Publicised';
        """;

    /// <summary>Creates a draft evaluation with its shortlist, ranked now.</summary>
    public Task<CommandResult> CreateAsync(Actor actor, int communityId, int year, int half, int? categoryId, int shortlistSize, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            if (!PointsRules.CanRunEvaluations(actor, communityId))
            {
                throw await w.DeniedAsync("Evaluation.Create", "Community", communityId, new { year, half, categoryId });
            }
            if (half is not (1 or 2))
            {
                return CommandResult.Fail("请选择上半年或下半年。");
            }
            if (year < w.Now.Year - 1 || Period.HalfYear(year, half).From > w.Now)
            {
                return CommandResult.Fail("只能评选去年和今年已经开始的半年。");
            }
            if (shortlistSize is < 1 or > 50)
            {
                return CommandResult.Fail("入围人数应为 1 到 50。");
            }
            var period = Period.HalfYear(year, half);
            var ranking = await w.QueryAsync<RankRow>(PointsQueries.LeaderboardSql,
                new { CommunityId = communityId, period.From, period.To, CategoryId = categoryId });
            if (ranking.Count == 0)
            {
                return CommandResult.Fail("这半年还没有积分记录，无法评选。");
            }
            var id = await w.InsertAsync(InsertEvaluationSql, new
            {
                CommunityId = communityId, Year = year, Half = half, CategoryId = categoryId, ShortlistSize = shortlistSize,
            });
            // Everyone ranked within the shortlist size stays in, so a tie at the cut is never broken arbitrarily.
            var shortlist = ranking.Where(r => r.Rank <= shortlistSize).ToList();
            await w.ExecuteAsync(InsertResultSql, shortlist.Select(r => new { EvaluationId = id, r.MemberId, r.Rank, r.Points }));
            w.Audit("Evaluation.Create", "Evaluation", id, null, new { year, half, categoryId, shortlistSize, Shortlisted = shortlist.Count });
            return CommandResult.Success(id);
        }, ct);

    /// <summary>Marks or unmarks a shortlisted member as a winner; only while the evaluation is a draft.</summary>
    public Task<CommandResult> SetWinnerAsync(Actor actor, int evaluationId, int memberId, bool isWinner, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var e = await EditableAsync(w, evaluationId, "Evaluation.SetWinner");
            if (e.Status != EvaluationStatus.Draft)
            {
                return CommandResult.Fail(WinnersFixed);
            }
            if (await w.ScalarAsync<int>(ShortlistedSql, new { EvaluationId = evaluationId, MemberId = memberId }) == 0)
            {
                // The page offers only shortlisted residents: any other id was forged.
                throw await w.DeniedAsync("Evaluation.SetWinner", "Member", memberId, new { evaluationId, isWinner }, "这位居民不在入围名单中。");
            }
            if (await w.ExecuteAsync(SetWinnerSql, new { EvaluationId = evaluationId, MemberId = memberId, IsWinner = isWinner }) == 0)
            {
                return CommandResult.Fail(WinnersFixed);
            }
            w.Audit("Evaluation.SetWinner", "Evaluation", evaluationId, null, new { memberId, isWinner });
            return CommandResult.Success(evaluationId);
        }, ct);

    /// <summary>Publishes the winners for a 公示 period ending on <paramref name="endsOn"/>.</summary>
    public Task<CommandResult> PubliciseAsync(Actor actor, int evaluationId, DateTime endsOn, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var e = await EditableAsync(w, evaluationId, "Evaluation.Publicise");
            if (e.Status != EvaluationStatus.Draft)
            {
                return CommandResult.Fail("评选已经公示过。");
            }
            if (endsOn.Date < w.Now.Date)
            {
                return CommandResult.Fail("公示截止日期不能早于今天。");
            }
            if (DateInput.Check(endsOn, "公示截止日期", w.Now.Date, latest: w.Now.Date.AddDays(MaxPublicityDays)) is { } dateError)
            {
                return CommandResult.Fail(dateError);
            }
            if (await w.ScalarAsync<int>(WinnersSql, new { EvaluationId = evaluationId }) == 0)
            {
                return CommandResult.Fail("请先确定获评人员。");
            }
            if (await w.ExecuteAsync(PubliciseSql, new { EvaluationId = evaluationId, EndsOn = endsOn.Date }) == 0)
            {
                return CommandResult.Fail(ChangedMeanwhile);
            }
            await NotificationWriter.EvaluationPublicisedAsync(w, evaluationId, endsOn.Date, email);
            w.Audit("Evaluation.Publicise", "Evaluation", evaluationId, null, new { EndsOn = endsOn.Date });
            return CommandResult.Success(evaluationId);
        }, ct);

    /// <summary>Archives a publicised evaluation once its 公示 period is over; it never changes afterwards.</summary>
    public Task<CommandResult> ArchiveAsync(Actor actor, int evaluationId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var e = await EditableAsync(w, evaluationId, "Evaluation.Archive");
            if (e.Status != EvaluationStatus.Publicised)
            {
                return CommandResult.Fail(e.Status == EvaluationStatus.Archived ? "评选已经归档。" : "请先公示，公示期满后再归档。");
            }
            if (e.PublicityEndsOn is DateTime ends && w.Now.Date <= ends.Date)
            {
                return CommandResult.Fail($"公示期到 {ends:yyyy-MM-dd} 结束，期满后才能归档。");
            }
            if (await w.ExecuteAsync(ArchiveSql, new { EvaluationId = evaluationId, w.Now }) == 0)
            {
                return CommandResult.Fail(ChangedMeanwhile);
            }
            w.Audit("Evaluation.Archive", "Evaluation", evaluationId, null, new { Status = EvaluationStatus.Archived });
            return CommandResult.Success(evaluationId);
        }, ct);

    /// <summary>The evaluation; refuses (after auditing) one that does not exist or that the actor may not run.</summary>
    private static async Task<EvaluationRow> EditableAsync(WriteScope w, int evaluationId, string action)
    {
        if (!w.IsSqlite)
        {
            // Winner changes, 公示 and archiving of one evaluation wait for each other from their first read.
            await w.ExecuteAsync(LockEvaluationSqlServer, new { EvaluationId = evaluationId });
        }
        var e = await w.SingleOrDefaultAsync<EvaluationRow>(EvaluationSql, new { EvaluationId = evaluationId });
        if (e is null)
        {
            throw await w.DeniedAsync(action, "Evaluation", evaluationId, null, "找不到这次评选。");
        }
        if (!PointsRules.CanRunEvaluations(w.Actor, e.CommunityId))
        {
            throw await w.DeniedAsync(action, "Evaluation", evaluationId, null);
        }
        return e;
    }

    /// <summary>The longest 公示 period, in days.</summary>
    public const int MaxPublicityDays = 90;

    private const string WinnersFixed = "评选已公示或归档，结果不能再改。";

    private const string ChangedMeanwhile = "评选刚被他人更新，请刷新后查看。";

    private sealed record EvaluationRow
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
        public string Status { get; init; } = "";
        public DateTime? PublicityEndsOn { get; init; }
    }
}
