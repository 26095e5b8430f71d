using System.Data.Common;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Points;

/// <summary>Evaluation states as stored in <c>Evaluation.Status</c>.</summary>
public static class EvaluationStatus
{
    public const string Draft = "Draft";
    public const string Publicised = "Publicised";
    public const string Archived = "Archived";
}

/// <summary>
/// 一年两评选: a secretary shortlists the top N of a half-year by points earned (ties at the cut all stay in), marks
/// winners, publishes them for a 公示 period and archives the result. The shortlist is a snapshot: points recorded
/// later never change it, and an archived evaluation cannot be changed at all.
/// </summary>
public sealed class EvaluationCommands(DbConnectionFactory db, BaiheClock clock)
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

    private const string SetWinnerSql = "UPDATE EvaluationResult SET IsWinner = @IsWinner WHERE EvaluationId = @EvaluationId AND MemberId = @MemberId;";

    private const string WinnersSql = "SELECT COUNT(*) FROM EvaluationResult WHERE EvaluationId = @EvaluationId AND IsWinner = 1;";

    private const string PubliciseSql = """
        UPDATE Evaluation SET Status = 'Publicised', PublicityEndsOn = @EndsOn WHERE Id = @EvaluationId AND Status = 'Draft';
        """;

    private const string ArchiveSql = """
        UPDATE Evaluation SET Status = 'Archived', ArchivedAt = @Now WHERE Id = @EvaluationId AND Status = 'Publicised';
        """;

    /// <summary>Creates a draft evaluation with its shortlist, ranked now.</summary>
    public async Task<CommandResult> CreateAsync(Actor actor, int communityId, int year, int half, int? categoryId, int shortlistSize, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!actor.IsSecretaryOf(communityId))
        {
            throw await Journal.DeniedAsync(conn, tx, actor, now, "Evaluation.Create", "Community", communityId, new { year, half, categoryId }, ct);
        }
        if (half is not (1 or 2))
        {
            return CommandResult.Fail("请选择上半年或下半年。");
        }
        if (year < now.Year - 1 || Period.HalfYear(year, half).From > now)
        {
            return CommandResult.Fail("只能评选去年和今年已经开始的半年。");
        }
        if (shortlistSize is < 1 or > 50)
        {
            return CommandResult.Fail("入围人数应为 1 到 50。");
        }
        var period = Period.HalfYear(year, half);
        var ranking = (await conn.QueryAsync<RankRow>(new CommandDefinition(PointsQueries.LeaderboardSql,
            new { CommunityId = communityId, period.From, period.To, CategoryId = categoryId }, tx, cancellationToken: ct))).ToList();
        if (ranking.Count == 0)
        {
            return CommandResult.Fail("这半年还没有积分记录，无法评选。");
        }
        var id = await SqlIdentity.InsertAsync(conn, tx, db.IsSqlite, InsertEvaluationSql, new
        {
            CommunityId = communityId, Year = year, Half = half, CategoryId = categoryId, ShortlistSize = shortlistSize,
        }, ct);
        // Everyone ranked within the shortlist size stays in, so a tie at the cut is never broken arbitrarily.
        var shortlist = ranking.Where(r => r.Rank <= shortlistSize).ToList();
        await conn.ExecuteAsync(new CommandDefinition(InsertResultSql,
            shortlist.Select(r => new { EvaluationId = id, r.MemberId, r.Rank, r.Points }), tx, cancellationToken: ct));
        await Journal.AuditAsync(conn, tx, actor, now, "Evaluation.Create", "Evaluation", id, null,
            new { year, half, categoryId, shortlistSize, Shortlisted = shortlist.Count }, ct);
        await tx.CommitAsync(ct);
        return CommandResult.Success(id);
    }

    /// <summary>Marks or unmarks a shortlisted member as a winner; only while the evaluation is a draft.</summary>
    public async Task<CommandResult> SetWinnerAsync(Actor actor, int evaluationId, int memberId, bool isWinner, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var e = await EditableAsync(conn, tx, actor, evaluationId, "Evaluation.SetWinner", ct);
        if (e is null)
        {
            return CommandResult.Fail("找不到这次评选。");
        }
        if (e.Status != EvaluationStatus.Draft)
        {
            return CommandResult.Fail("评选已公示或归档，结果不能再改。");
        }
        if (await conn.ExecuteAsync(new CommandDefinition(SetWinnerSql, new { EvaluationId = evaluationId, MemberId = memberId, IsWinner = isWinner }, tx, cancellationToken: ct)) == 0)
        {
            return CommandResult.Fail("这位居民不在入围名单中。");
        }
        await Journal.AuditAsync(conn, tx, actor, now, "Evaluation.SetWinner", "Evaluation", evaluationId, null, new { memberId, isWinner }, ct);
        await tx.CommitAsync(ct);
        return CommandResult.Success(evaluationId);
    }

    /// <summary>Publishes the winners for a 公示 period ending on <paramref name="endsOn"/>.</summary>
    public async Task<CommandResult> PubliciseAsync(Actor actor, int evaluationId, DateTime endsOn, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var e = await EditableAsync(conn, tx, actor, evaluationId, "Evaluation.Publicise", ct);
        if (e is null)
        {
            return CommandResult.Fail("找不到这次评选。");
        }
        if (e.Status != EvaluationStatus.Draft)
        {
            return CommandResult.Fail("评选已经公示过。");
        }
        if (endsOn.Date < now.Date)
        {
            return CommandResult.Fail("公示截止日期不能早于今天。");
        }
        if (await conn.ExecuteScalarAsync<int>(new CommandDefinition(WinnersSql, new { EvaluationId = evaluationId }, tx, cancellationToken: ct)) == 0)
        {
            return CommandResult.Fail("请先确定获评人员。");
        }
        await conn.ExecuteAsync(new CommandDefinition(PubliciseSql, new { EvaluationId = evaluationId, EndsOn = endsOn.Date }, tx, cancellationToken: ct));
        await Journal.AuditAsync(conn, tx, actor, now, "Evaluation.Publicise", "Evaluation", evaluationId, null, new { EndsOn = endsOn.Date }, ct);
        await tx.CommitAsync(ct);
        return CommandResult.Success(evaluationId);
    }

    /// <summary>Archives a publicised evaluation once its 公示 period is over; it never changes afterwards.</summary>
    public async Task<CommandResult> ArchiveAsync(Actor actor, int evaluationId, CancellationToken ct = default)
    {
        var now = clock.Now;
        await using var conn = await db.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var e = await EditableAsync(conn, tx, actor, evaluationId, "Evaluation.Archive", ct);
        if (e is null)
        {
            return CommandResult.Fail("找不到这次评选。");
        }
        if (e.Status != EvaluationStatus.Publicised)
        {
            return CommandResult.Fail(e.Status == EvaluationStatus.Archived ? "评选已经归档。" : "请先公示，公示期满后再归档。");
        }
        if (e.PublicityEndsOn is DateTime ends && now.Date <= ends.Date)
        {
            return CommandResult.Fail($"公示期到 {ends:yyyy-MM-dd} 结束，期满后才能归档。");
        }
        await conn.ExecuteAsync(new CommandDefinition(ArchiveSql, new { EvaluationId = evaluationId, Now = now }, tx, cancellationToken: ct));
        await Journal.AuditAsync(conn, tx, actor, now, "Evaluation.Archive", "Evaluation", evaluationId, null, new { Status = EvaluationStatus.Archived }, ct);
        await tx.CommitAsync(ct);
        return CommandResult.Success(evaluationId);
    }

    private async Task<EvaluationRow?> EditableAsync(DbConnection conn, DbTransaction tx, Actor actor, int evaluationId, string action, CancellationToken ct)
    {
        var e = await conn.QuerySingleOrDefaultAsync<EvaluationRow>(new CommandDefinition(EvaluationSql, new { EvaluationId = evaluationId }, tx, cancellationToken: ct));
        if (e is not null && !actor.IsSecretaryOf(e.CommunityId))
        {
            throw await Journal.DeniedAsync(conn, tx, actor, clock.Now, action, "Evaluation", evaluationId, null, ct);
        }
        return e;
    }

    private sealed record EvaluationRow
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
        public string Status { get; init; } = "";
        public DateTime? PublicityEndsOn { get; init; }
    }
}
