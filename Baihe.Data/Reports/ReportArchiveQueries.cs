using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Reports;

/// <summary>
/// The history of generated reports on /reports: newest first, filtered by month and community, and limited to what
/// <see cref="ReportRules.ArchiveViewFor"/> lets the actor see. Never reads the stored bytes.
/// </summary>
public sealed class ReportArchiveQueries(DbConnectionFactory db)
{
    /// <summary>The largest page the history shows.</summary>
    public const int MaxPageSize = 100;

    private const string SelectFragment = """
        SELECT a.Id, a.CommunityId, c.Name AS CommunityName, a.SubDistrictId, s.Name AS SubDistrictName, a.Month, a.Version,
               a.IsScheduled, a.GeneratedBy, a.GeneratedAt, a.FileName, a.Sha256, a.SizeBytes, a.DetailRows
        """;

    // The view's ids and the filters are parameters; a null filter matches everything. RollUpOnly picks the
    // sub-district roll-ups (the community filter "全街道汇总").
    private const string FromFragment = """

        FROM ReportArchive a
        JOIN SubDistrict s ON s.Id = a.SubDistrictId
        LEFT JOIN Community c ON c.Id = a.CommunityId
        WHERE (@All = 1 OR a.SubDistrictId = @ViewSubDistrictId OR a.CommunityId = @ViewCommunityId)
          AND (@Month IS NULL OR a.Month = @Month)
          AND (@CommunityId IS NULL OR a.CommunityId = @CommunityId)
          AND (@RollUpOnly = 0 OR a.CommunityId IS NULL)

        """;

    private const string OrderFragment = "ORDER BY a.Month DESC, a.GeneratedAt DESC, a.Id DESC\n";

    private const string PageSqlServer = SelectFragment + FromFragment + OrderFragment + "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string PageSqlite = SelectFragment + FromFragment + OrderFragment + "LIMIT @Take OFFSET @Skip;";

    private const string CountSql = "SELECT COUNT(*)" + FromFragment + ";";

    /// <summary>
    /// One page of the reports the actor may see, newest month first and, within a month, the latest generation first.
    /// <paramref name="communityId"/> filters to one community; <paramref name="rollUpOnly"/> to the roll-ups. An actor
    /// who sees no archive gets an empty page.
    /// </summary>
    public async Task<ListPage<ArchivedReportRow>> PageAsync(Actor actor, string? month, int? communityId, bool rollUpOnly, int page, int pageSize,
        CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        if (ReportRules.ArchiveViewFor(actor) is not { } view)
        {
            return new ListPage<ArchivedReportRow>([], 0, 1, pageSize);
        }
        var args = new
        {
            All = view.All ? 1 : 0,
            ViewSubDistrictId = view.SubDistrictId,
            ViewCommunityId = view.CommunityId,
            Month = string.IsNullOrEmpty(month) ? null : month,
            CommunityId = rollUpOnly ? null : communityId,
            RollUpOnly = rollUpOnly ? 1 : 0,
            Skip = (page - 1) * pageSize,
            Take = pageSize,
        };
        await using var conn = await db.OpenAsync(ct);
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        var rows = await conn.QueryAsync<ArchivedReportRow>(new CommandDefinition(db.IsSqlite ? PageSqlite : PageSqlServer, args, cancellationToken: ct));
        return new ListPage<ArchivedReportRow>(rows.ToList(), total, page, pageSize);
    }
}
