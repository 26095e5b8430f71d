using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Dapper;

namespace Baihe.Data.Certificates;

/// <summary>
/// Issuing and voiding 志愿服务证明, and recording the identity lines a certificate states. A certificate is numbered per
/// community and year without gaps or duplicates, never changes once issued, and can only be voided with a reason.
/// </summary>
public sealed class CertificateCommands(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>The longest 负责人 or 经办人 name (NVARCHAR(20)).</summary>
    public const int MaxSignerLength = 20;

    /// <summary>The longest contact (NVARCHAR(30)).</summary>
    public const int MaxContactLength = 30;

    /// <summary>The longest void reason (NVARCHAR(200)).</summary>
    public const int MaxReasonLength = 200;

    /// <summary>The longest volunteer number (NVARCHAR(30)).</summary>
    public const int MaxVolunteerNoLength = 30;

    private const string CommunityNameSql = "SELECT Name FROM Community WHERE Id = @CommunityId;";

    // The counter row of a community's year is created on its first certificate. On SQL Server the range lock of
    // UPDLOCK, HOLDLOCK makes two first issues wait for each other instead of both inserting; SQLite's writer lock does
    // the same there, and the primary key backs both up.
    private const string EnsureCounterSqlServer = """
        INSERT INTO CertificateCounter (CommunityId, Year, NextSeq)
        SELECT @CommunityId, @Year, 1
        WHERE NOT EXISTS (SELECT 1 FROM CertificateCounter WITH (UPDLOCK, HOLDLOCK) WHERE CommunityId = @CommunityId AND Year = @Year);
        """;

    private const string EnsureCounterSqlite = """
        INSERT INTO CertificateCounter (CommunityId, Year, NextSeq)
        SELECT @CommunityId, @Year, 1
        WHERE NOT EXISTS (SELECT 1 FROM CertificateCounter WHERE CommunityId = @CommunityId AND Year = @Year);
        """;

    // The increment takes the row's write lock until commit, so the number read back below is this transaction's alone;
    // a rollback undoes the increment with everything else, so a failed issue leaves no gap.
    private const string TakeNumberSql = "UPDATE CertificateCounter SET NextSeq = NextSeq + 1 WHERE CommunityId = @CommunityId AND Year = @Year;";

    private const string TakenSeqSql = "SELECT NextSeq - 1 FROM CertificateCounter WHERE CommunityId = @CommunityId AND Year = @Year;";

    private const string NextSeqSql = "SELECT COALESCE(MAX(NextSeq), 1) FROM CertificateCounter WHERE CommunityId = @CommunityId AND Year = @Year;";

    private const string InsertSql = """
        INSERT INTO ServiceCertificate (CommunityId, Year, Seq, Number, MemberId, VolunteerName, IdType, IdNumberMasked, VolunteerNo,
            PeriodFrom, PeriodTo, ServiceMinutes, ServiceCount, Content, Organisation, Principal, Handler, Contact,
            IssuedOn, IssuedAt, IssuedByUserId, Status)
        VALUES (@CommunityId, @Year, @Seq, @Number, @MemberId, @VolunteerName, @IdType, @IdNumberMasked, @VolunteerNo,
            @PeriodFrom, @PeriodTo, @ServiceMinutes, @ServiceCount, @Content, @Organisation, @Principal, @Handler, @Contact,
            @IssuedOn, @IssuedAt, @IssuedByUserId, 'Issued');
        """;

    private const string CertificateSql = "SELECT Id, CommunityId, Number, Status FROM ServiceCertificate WHERE Id = @Id;";

    private const string VoidSql = """
        UPDATE ServiceCertificate SET Status = 'Voided', VoidedAt = @Now, VoidedByUserId = @UserId, VoidReason = @Reason
        WHERE Id = @Id AND Status = 'Issued';
        """;

    private const string SetIdentitySql = """
        UPDATE Member SET IdType = @IdType, IdNumberMasked = @IdNumberMasked, VolunteerNo = @VolunteerNo WHERE Id = @MemberId;
        """;

    /// <summary>
    /// The number the next certificate of <paramref name="communityId"/> issued in <paramref name="year"/> will get, for
    /// the confirmation; <see cref="IssueAsync"/> refuses if another certificate took it meanwhile.
    /// </summary>
    public async Task<string?> NextNumberAsync(int communityId, int year, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var name = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(CommunityNameSql, new { CommunityId = communityId }, cancellationToken: ct));
        if (name is null)
        {
            return null;
        }
        var seq = await conn.ExecuteScalarAsync<int>(new CommandDefinition(NextSeqSql, new { CommunityId = communityId, Year = year }, cancellationToken: ct));
        return CertificateNumber.Format(name, year, seq);
    }

    /// <summary>
    /// Issues a certificate for a volunteer of the community over a period: sums the hours of their services in it, takes
    /// the community's next number of the year and writes the certificate with every line it states, audited. Refuses
    /// (and audits) an unknown community or resident and a resident of another community.
    /// </summary>
    public Task<CommandResult> IssueAsync(Actor actor, CertificateRequest request, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var communityName = await w.ScalarAsync<string>(CommunityNameSql, new { request.CommunityId });
            if (communityName is null)
            {
                throw await w.DeniedAsync("Certificate.Issue", "Community", request.CommunityId, request, "找不到这个社区。");
            }
            if (!CertificateRules.CanKeep(w.Actor, request.CommunityId))
            {
                throw await w.DeniedAsync("Certificate.Issue", "Community", request.CommunityId, request);
            }
            var volunteer = await w.SingleOrDefaultAsync<VolunteerIdentity>(CertificateQueries.IdentitySql, new { request.MemberId });
            if (volunteer is null)
            {
                throw await w.DeniedAsync("Certificate.Issue", "Member", request.MemberId, request, "找不到这位居民。");
            }
            if (volunteer.CommunityId != request.CommunityId)
            {
                throw await w.DeniedAsync("Certificate.Issue", "Member", request.MemberId, request, "这位居民不属于本社区，不能为其出具证明。");
            }
            if (!volunteer.IsComplete)
            {
                return CommandResult.Fail($"请先登记{volunteer.Name}的证件类型、证件号码和志愿者编号。");
            }
            var today = w.Now.Date;
            if (request.From.Date > request.To.Date)
            {
                return CommandResult.Fail("起始日期不能晚于截止日期。");
            }
            if (request.To.Date > today)
            {
                return CommandResult.Fail("截止日期不能晚于今天。");
            }
            if (request.From.Date < DateInput.Earliest)
            {
                return CommandResult.Fail("起始日期过早，请检查。");
            }
            if (TextInput.Check(request.Principal, MaxSignerLength, "负责人", out var principal) is { } principalError)
            {
                return CommandResult.Fail(principalError);
            }
            if (TextInput.Check(request.Handler, MaxSignerLength, "经办人", out var handler) is { } handlerError)
            {
                return CommandResult.Fail(handlerError);
            }
            if (TextInput.Check(request.Contact, MaxContactLength, "联系电话", out var contact) is { } contactError)
            {
                return CommandResult.Fail(contactError);
            }
            var services = ServiceSummary.Of(await w.QueryAsync<ServiceRecord>(CertificateQueries.ServicesSql, new
            {
                request.MemberId, request.CommunityId, From = request.From.Date, ToExclusive = request.To.Date.AddDays(1),
            }));
            if (services.Count == 0)
            {
                return CommandResult.Fail("这段时间内没有可证明的志愿服务记录（只计已结束记分的志愿服务队活动）。");
            }
            var counter = new { request.CommunityId, today.Year };
            await w.ExecuteAsync(w.IsSqlite ? EnsureCounterSqlite : EnsureCounterSqlServer, counter);
            await w.ExecuteAsync(TakeNumberSql, counter);
            var seq = await w.ScalarAsync<int>(TakenSeqSql, counter);
            var number = CertificateNumber.Format(communityName, today.Year, seq);
            if (request.ExpectedNumber is { } expected && expected != number)
            {
                return CommandResult.Fail($"编号 {expected} 已被刚出具的另一份证明使用，本证明将为 {number}，请重新确认。");
            }
            var organisation = await CertificateQueries.OrganisationAsync(w.Connection, w.Transaction, request.CommunityId, w.CancellationToken);
            var row = new
            {
                request.CommunityId, today.Year, Seq = seq, Number = number, request.MemberId, VolunteerName = volunteer.Name,
                volunteer.IdType, volunteer.IdNumberMasked, volunteer.VolunteerNo,
                PeriodFrom = request.From.Date, PeriodTo = request.To.Date, ServiceMinutes = services.TotalMinutes, ServiceCount = services.Count,
                services.Content, Organisation = TextInput.Cut(organisation ?? communityName, 50), Principal = principal, Handler = handler,
                Contact = contact, IssuedOn = today, IssuedAt = w.Now, IssuedByUserId = LedgerCommands.UserId(w.Actor),
            };
            var id = await w.InsertAsync(InsertSql, row);
            w.Audit("Certificate.Issue", "ServiceCertificate", id, null, row);
            return CommandResult.Success(id);
        }, ct);

    /// <summary>
    /// Voids a certificate with a reason. It stays in the register, marked 已作废, and its print says so; its number is
    /// never given again. Voiding twice is refused.
    /// </summary>
    public Task<CommandResult> VoidAsync(Actor actor, int certificateId, string? reason, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var c = await w.SingleOrDefaultAsync<CertificateHead>(CertificateSql, new { Id = certificateId });
            if (c is null)
            {
                throw await w.DeniedAsync("Certificate.Void", "ServiceCertificate", certificateId, new { reason }, "找不到这份证明。");
            }
            if (!CertificateRules.CanKeep(w.Actor, c.CommunityId))
            {
                throw await w.DeniedAsync("Certificate.Void", "ServiceCertificate", certificateId, new { reason });
            }
            if (TextInput.Check(reason, MaxReasonLength, "作废原因", out var why) is { } reasonError)
            {
                return CommandResult.Fail(reasonError);
            }
            if (await w.ExecuteAsync(VoidSql, new { Id = certificateId, w.Now, UserId = LedgerCommands.UserId(w.Actor), Reason = why }) == 0)
            {
                return CommandResult.Fail($"证明 {c.Number} 已作废。");
            }
            w.Audit("Certificate.Void", "ServiceCertificate", certificateId, new { c.Number, Status = CertificateStatus.Issued },
                new { c.Number, Status = CertificateStatus.Voided, Reason = why });
            return CommandResult.Success(certificateId);
        }, ct);

    /// <summary>
    /// Records the ID type, ID number and volunteer number a certificate states for a resident. The number is masked
    /// before it leaves this method (only the masked form is stored and audited); an empty number keeps the one on file.
    /// </summary>
    public Task<CommandResult> SetIdentityAsync(Actor actor, int memberId, string? idType, string? idNumber, string? volunteerNo, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var before = await w.SingleOrDefaultAsync<VolunteerIdentity>(CertificateQueries.IdentitySql, new { MemberId = memberId });
            if (before is null)
            {
                throw await w.DeniedAsync("Certificate.SetIdentity", "Member", memberId, new { idType, volunteerNo }, "找不到这位居民。");
            }
            if (!CertificateRules.CanKeep(w.Actor, before.CommunityId))
            {
                throw await w.DeniedAsync("Certificate.SetIdentity", "Member", memberId, new { idType, volunteerNo });
            }
            string masked;
            if (string.IsNullOrWhiteSpace(idNumber) && before.IdNumberMasked is not null && before.IdType == idType)
            {
                masked = before.IdNumberMasked;
            }
            else if (IdTypes.Mask(idType, idNumber, out masked) is { } idError)
            {
                return CommandResult.Fail(idError);
            }
            if (TextInput.Check(volunteerNo, MaxVolunteerNoLength, "志愿者编号", out var no) is { } noError)
            {
                return CommandResult.Fail(noError);
            }
            if (!no.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
            {
                return CommandResult.Fail("志愿者编号只能包含字母、数字和“-”。");
            }
            try
            {
                await w.ExecuteAsync(SetIdentitySql, new { MemberId = memberId, IdType = idType, IdNumberMasked = masked, VolunteerNo = no });
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                return CommandResult.Fail($"志愿者编号 {no} 已登记给另一位居民。");
            }
            w.Audit("Certificate.SetIdentity", "Member", memberId,
                new { before.IdType, before.IdNumberMasked, before.VolunteerNo }, new { IdType = idType, IdNumberMasked = masked, VolunteerNo = no });
            return CommandResult.Success(memberId);
        }, ct);

    private sealed record CertificateHead
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
        public string Number { get; init; } = "";
        public string Status { get; init; } = "";
    }
}
