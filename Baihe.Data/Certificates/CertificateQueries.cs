using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Certificates;

/// <summary>Reads volunteers' service hours, the certificate register and one certificate.</summary>
public sealed class CertificateQueries(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>
    /// The services that count for a certificate: closed activities (their attendance is final) of the community's
    /// volunteer service teams (an interest group's practice is not 志愿服务), held from @From up to @ToExclusive, that the
    /// resident attended; their minutes are the ones attendance recorded, else the activity's length. Used by the issue
    /// command inside its transaction too, so the preview and the certificate add up the same rows.
    /// </summary>
    internal const string ServicesSql = """
        SELECT a.Id AS ActivityId, a.Title, pc.Name AS Area, t.Name AS Team, a.HeldOn,
               COALESCE(at.ServiceMinutes, a.EndMinute - a.StartMinute) AS Minutes
        FROM Attendance at
        JOIN Activity a ON a.Id = at.ActivityId
        JOIN Team t ON t.Id = a.TeamId
        JOIN PointCategory pc ON pc.Id = a.CategoryId
        WHERE at.MemberId = @MemberId
          AND t.CommunityId = @CommunityId
          AND t.Kind = 'VolunteerService'
          AND a.Status = 'Closed'
          AND a.HeldOn >= @From AND a.HeldOn < @ToExclusive
        ORDER BY a.HeldOn, a.Id;
        """;

    internal const string IdentitySql = """
        SELECT m.Id AS MemberId, g.CommunityId, m.Name, m.IdType, m.IdNumberMasked, m.VolunteerNo
        FROM Member m JOIN Grid g ON g.Id = m.GridId
        WHERE m.Id = @MemberId;
        """;

    private const string TotalMinutesSql = """
        SELECT COALESCE(SUM(COALESCE(at.ServiceMinutes, a.EndMinute - a.StartMinute)), 0)
        FROM Attendance at
        JOIN Activity a ON a.Id = at.ActivityId
        JOIN Team t ON t.Id = a.TeamId
        WHERE at.MemberId = @MemberId AND t.Kind = 'VolunteerService' AND a.Status = 'Closed';
        """;

    private const string SelectFragment = """
        SELECT c.Id, c.CommunityId, c.Year, c.Seq, c.Number, c.MemberId, c.VolunteerName, c.IdType, c.IdNumberMasked, c.VolunteerNo,
               c.PeriodFrom, c.PeriodTo, c.ServiceMinutes, c.ServiceCount, c.Content, c.Organisation, c.Principal, c.Handler, c.Contact,
               c.IssuedOn, c.IssuedAt, iu.DisplayName AS IssuedBy, c.Status, c.VoidedAt, vu.DisplayName AS VoidedBy, c.VoidReason
        FROM ServiceCertificate c
        LEFT JOIN AppUser iu ON iu.Id = c.IssuedByUserId
        LEFT JOIN AppUser vu ON vu.Id = c.VoidedByUserId
        """;

    private const string OneSql = SelectFragment + "\nWHERE c.Id = @Id;";

    private const string FilterFragment = """

        WHERE c.CommunityId = @CommunityId
          AND (@Q IS NULL OR c.VolunteerName LIKE @Q ESCAPE '\' OR c.Number LIKE @Q ESCAPE '\' OR c.VolunteerNo LIKE @Q ESCAPE '\')
          AND (@Year IS NULL OR c.Year = @Year)
          AND (@Status IS NULL OR c.Status = @Status)
        """;

    private const string CountSql = "SELECT COUNT(*)\nFROM ServiceCertificate c" + FilterFragment + ";";

    private const string PageSqlServer = SelectFragment + FilterFragment + "\nORDER BY c.Year DESC, c.Seq DESC\nOFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = SelectFragment + FilterFragment + "\nORDER BY c.Year DESC, c.Seq DESC\nLIMIT @Take OFFSET @Skip;";

    private const string YearsSql = "SELECT DISTINCT Year FROM ServiceCertificate WHERE CommunityId = @CommunityId ORDER BY Year DESC;";

    private const string LastSignersSql = """
        SELECT c.Principal, c.Contact
        FROM ServiceCertificate c
        WHERE c.Id = (SELECT MAX(x.Id) FROM ServiceCertificate x WHERE x.CommunityId = @CommunityId);
        """;

    private const string OrganisationSql = """
        SELECT s.City, s.District, s.Name AS SubDistrict, c.Name AS Community
        FROM Community c JOIN SubDistrict s ON s.Id = c.SubDistrictId
        WHERE c.Id = @CommunityId;
        """;

    private const string VolunteersSql = """
        SELECT m.Id AS MemberId, g.CommunityId, m.Name, m.IdType, m.IdNumberMasked, m.VolunteerNo
        FROM Member m JOIN Grid g ON g.Id = m.GridId
        WHERE g.CommunityId = @CommunityId
          AND EXISTS (SELECT 1 FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
                      WHERE ms.MemberId = m.Id AND t.Kind = 'VolunteerService')
          AND (@Q IS NULL OR m.Name LIKE @Q ESCAPE '\' OR m.VolunteerNo LIKE @Q ESCAPE '\')
        ORDER BY m.Name, m.Id;
        """;

    /// <summary>
    /// A resident's services from <paramref name="from"/> to <paramref name="to"/> (both days inclusive) in
    /// <paramref name="communityId"/>, summed as a certificate would state them.
    /// </summary>
    public async Task<ServiceSummary> ServicesAsync(int communityId, int memberId, DateTime from, DateTime to, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var rows = await conn.QueryAsync<ServiceRecord>(new CommandDefinition(ServicesSql,
            new { MemberId = memberId, CommunityId = communityId, From = from.Date, ToExclusive = to.Date.AddDays(1) }, cancellationToken: ct));
        return ServiceSummary.Of(rows.AsList());
    }

    /// <summary>A resident's 累计服务时长: minutes over every closed activity of a volunteer service team they attended.</summary>
    public async Task<int> TotalMinutesAsync(int memberId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(TotalMinutesSql, new { MemberId = memberId }, cancellationToken: ct));
    }

    /// <summary>A resident's name, community, ID type, masked ID number and volunteer number, or null.</summary>
    public async Task<VolunteerIdentity?> IdentityAsync(int memberId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<VolunteerIdentity>(new CommandDefinition(IdentitySql, new { MemberId = memberId }, cancellationToken: ct));
    }

    /// <summary>The community's residents on a volunteer service team (now or before), by name, matching <paramref name="q"/>.</summary>
    public async Task<IReadOnlyList<VolunteerIdentity>> VolunteersAsync(int communityId, string? q, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<VolunteerIdentity>(new CommandDefinition(VolunteersSql,
            new { CommunityId = communityId, Q = SearchText.Contains(q) }, cancellationToken: ct))).AsList();
    }

    /// <summary>One page of a community's register, newest number first, with the count of all that match.</summary>
    public async Task<ListPage<CertificateRow>> RegisterAsync(int communityId, CertificateFilter filter, CancellationToken ct = default)
    {
        var args = new
        {
            CommunityId = communityId, Q = SearchText.Contains(filter.Q), filter.Year, filter.Status, filter.Skip, Take = CertificateFilter.PageSize,
        };
        await using var conn = await db.OpenAsync(ct);
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        var rows = await conn.QueryAsync<CertificateRow>(new CommandDefinition(db.IsSqlite ? PageSqlite : PageSqlServer, args, cancellationToken: ct));
        return new ListPage<CertificateRow>(rows.AsList(), total, Math.Max(1, filter.Page), CertificateFilter.PageSize);
    }

    /// <summary>The years a community has certificates in, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<int>(new CommandDefinition(YearsSql, new { CommunityId = communityId }, cancellationToken: ct))).AsList();
    }

    /// <summary>One certificate, or null.</summary>
    public async Task<CertificateRow?> OneAsync(int id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<CertificateRow>(new CommandDefinition(OneSql, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>
    /// A certificate the actor may keep (<see cref="CertificateRules.CanKeep"/>), or a refusal: an id that does not exist
    /// or belongs to another community is refused with a message and audited, as a forged link must be.
    /// </summary>
    public async Task<CertificateChoice> OpenAsync(Actor actor, int id, CancellationToken ct = default)
    {
        var row = await OneAsync(id, ct);
        if (row is not null && CertificateRules.CanKeep(actor, row.CommunityId))
        {
            return new CertificateChoice(row, null);
        }
        var refusal = await Journal.DeniedAsync(db, actor, clock.Now, "Certificate.Read", "ServiceCertificate", id, null, ct, CertificateChoice.Refused);
        return new CertificateChoice(null, refusal.Message);
    }

    /// <summary>The issue form's starting values: the organisation's full name, and the signers of the last certificate.</summary>
    public async Task<CertificateDefaults> DefaultsAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var organisation = await OrganisationAsync(conn, null, communityId, ct);
        var last = await conn.QuerySingleOrDefaultAsync<Signers>(new CommandDefinition(LastSignersSql,
            new { CommunityId = communityId }, cancellationToken: ct));
        return new CertificateDefaults(organisation ?? "", last?.Principal, last?.Contact);
    }

    /// <summary>"汕头市金平区金东街道百合园社区": the issuing organisation as a certificate names it, or null for no community.</summary>
    internal static async Task<string?> OrganisationAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction? tx, int communityId, CancellationToken ct)
    {
        var o = await conn.QuerySingleOrDefaultAsync<Place>(new CommandDefinition(OrganisationSql,
            new { CommunityId = communityId }, tx, cancellationToken: ct));
        return o is null ? null : o.City + o.District + o.SubDistrict + o.Community;
    }

    private sealed record Signers
    {
        public string Principal { get; init; } = "";
        public string Contact { get; init; } = "";
    }

    private sealed record Place
    {
        public string City { get; init; } = "";
        public string District { get; init; } = "";
        public string SubDistrict { get; init; } = "";
        public string Community { get; init; } = "";
    }
}
