using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Audit;

/// <summary>
/// The audit log as /admin/audit, its export and the record pages read it: newest first, limited to
/// <see cref="AuditRules.ViewFor"/>, filtered and paged in SQL.
/// </summary>
/// <remarks>
/// The WHERE clause is put together from the constant conditions below, one per filter that is set, never from user
/// text: a catch-all <c>(@X IS NULL OR col = @X)</c> would leave both engines a plan that scans the whole log, while a
/// condition that is present only when used lets each single filter seek its own index (IX_AuditLog_*, 0018).
/// </remarks>
public sealed class AuditQueries(DbConnectionFactory db)
{
    /// <summary>The largest page the viewer shows.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The most rows one export writes.</summary>
    public const int MaxExportRows = 50_000;

    internal const string SelectFragment = """
        SELECT a.Id, a.OccurredAt, a.UserId, a.UserName, a.Action, a.EntityType, a.EntityId, a.BeforeJson, a.AfterJson,
               a.CommunityId, c.Name AS CommunityName
        FROM AuditLog a
        LEFT JOIN Community c ON c.Id = a.CommunityId
        """;

    /// <summary>
    /// The most matching rows the viewer counts. Counting every row of a wide view read a whole index (an administrator's
    /// unfiltered million: 100 ms and more); past this many the page says "10000+" and the filters narrow it.
    /// </summary>
    public const int CountCap = 10_000;

    // The count stops at CountCap + 1 rows (@Cap), so "more than CountCap" is known without reading further.
    internal const string CountSqliteFragment = "SELECT COUNT(*) FROM (SELECT 1 AS One FROM AuditLog a";
    internal const string CountSqliteTailFragment = "\nLIMIT @Cap) capped;";
    internal const string CountSqlServerFragment = "SELECT COUNT(*) FROM (SELECT TOP (@Cap) 1 AS One FROM AuditLog a";
    internal const string CountSqlServerTailFragment = "\n) capped;";

    internal const string OrderFragment = "\nORDER BY a.OccurredAt DESC, a.Id DESC\n";

    internal const string PagingSqlServerFragment = "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    internal const string PagingSqliteFragment = "LIMIT @Take OFFSET @Skip;";

    // One condition per filter; Where() joins those in use with AND.
    internal const string ViewSubDistrictFragment = "a.SubDistrictId = @ViewSubDistrictId";
    internal const string ViewCommunityFragment = "a.CommunityId = @ViewCommunityId";
    internal const string CommunityFragment = "a.CommunityId = @CommunityId";
    internal const string PersonFragment = "a.UserName = @Person";
    internal const string ActionFragment = "a.Action = @Action";
    internal const string EntityTypeFragment = "a.EntityType = @EntityType";
    internal const string EntityIdFragment = "a.EntityId = @EntityId";
    internal const string FromFragment = "a.OccurredAt >= @FromAt";
    internal const string ToFragment = "a.OccurredAt < @ToAt";

    // Every refusal, and one area with its refusals: the generated columns of migration 0023, each with an index in time
    // order (IX_AuditLog_Refused, IX_AuditLog_Area), so a page of either is an ordered seek rather than a sort of every
    // row of many action codes.
    internal const string RefusalsFragment = "a.Refused = 1";
    internal const string AreaFragment = "a.Area = @Area";

    // Every condition at once: the texts the SQL tests parse (T-SQL) and prepare (SQLite), so each fragment is checked
    // in the company it runs in. The refusal and single-action conditions never run together; here they only parse.
    private const string EveryFilterSqlServer = SelectFragment + "\nWHERE " + ViewSubDistrictFragment + "\n  AND " + ViewCommunityFragment
        + "\n  AND " + CommunityFragment + "\n  AND " + PersonFragment + "\n  AND " + ActionFragment + "\n  AND " + RefusalsFragment
        + "\n  AND " + AreaFragment + "\n  AND " + EntityTypeFragment + "\n  AND " + EntityIdFragment + "\n  AND " + FromFragment
        + "\n  AND " + ToFragment + OrderFragment + PagingSqlServerFragment;

    private const string EveryFilterSqlite = SelectFragment + "\nWHERE " + ViewSubDistrictFragment + "\n  AND " + ViewCommunityFragment
        + "\n  AND " + CommunityFragment + "\n  AND " + PersonFragment + "\n  AND " + ActionFragment + "\n  AND " + RefusalsFragment
        + "\n  AND " + AreaFragment + "\n  AND " + EntityTypeFragment + "\n  AND " + EntityIdFragment + "\n  AND " + FromFragment
        + "\n  AND " + ToFragment + OrderFragment + PagingSqliteFragment;

    private const string EveryFilterCountSqlite = CountSqliteFragment + "\nWHERE " + ViewSubDistrictFragment + "\n  AND " + PersonFragment + CountSqliteTailFragment;

    private const string EveryFilterCountSqlServer = CountSqlServerFragment + "\nWHERE " + ViewSubDistrictFragment + "\n  AND " + PersonFragment + CountSqlServerTailFragment;

    // The next code after @After: one seek of IX_AuditLog_Action. DISTINCT would read the whole index (a million
    // entries at 1M rows) for the few dozen codes there are.
    private const string NextActionSql = "SELECT MIN(a.Action) FROM AuditLog a WHERE a.Action > @After;";

    /// <summary>The action list's one statement, for the benchmark's plan check.</summary>
    internal static string NextActionSqlText => NextActionSql;

    private const string ScopeSql = """
        SELECT a.CommunityId, a.SubDistrictId
        FROM AuditLog a
        WHERE a.Id = @Id;
        """;

    /// <summary>
    /// One page of the rows the actor may read that match <paramref name="filter"/>, newest first, with the count of all
    /// that match. An actor who may read no log gets an empty page.
    /// </summary>
    public async Task<ListPage<AuditRow>> PageAsync(Actor actor, AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(1, page);
        if (AuditRules.ViewFor(actor) is not { } view)
        {
            return new ListPage<AuditRow>([], 0, 1, pageSize);
        }
        // The last page the capped count can show; a page number past it (from a link) shows that last page.
        page = Math.Min(page, (CountCap / pageSize) + 1);
        var (where, args) = Where(view, filter);
        args.Add("Cap", CountCap + 1);
        args.Add("Skip", (page - 1) * pageSize);
        args.Add("Take", pageSize);
        await using var conn = await db.OpenAsync(ct);
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(CountSql(where, db.IsSqlite), args, cancellationToken: ct));
        var sql = SelectFragment + where + OrderFragment + (db.IsSqlite ? PagingSqliteFragment : PagingSqlServerFragment);
        var rows = await conn.QueryAsync<AuditRow>(new CommandDefinition(sql, args, cancellationToken: ct));
        return new ListPage<AuditRow>(rows.AsList(), total, page, pageSize);
    }

    /// <summary>The capped count's text for a WHERE clause from <see cref="Where"/>.</summary>
    internal static string CountSql(string where, bool sqlite) =>
        sqlite ? CountSqliteFragment + where + CountSqliteTailFragment : CountSqlServerFragment + where + CountSqlServerTailFragment;

    /// <summary>The history of one record (newest first, at most <paramref name="take"/> rows) as far as the actor may read it.</summary>
    public async Task<IReadOnlyList<AuditRow>> HistoryAsync(Actor actor, string entityType, int entityId, int take = 20, CancellationToken ct = default) =>
        (await PageAsync(actor, new AuditFilter(EntityType: entityType, EntityId: entityId.ToString(System.Globalization.CultureInfo.InvariantCulture)), 1, take, ct)).Rows;

    /// <summary>
    /// Every action code in the log (refusals included), in order, for the viewer's action filter: a loose index scan,
    /// one seek per code, so the list costs the same at 1M rows as at a hundred.
    /// </summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var codes = new List<string>();
        var after = "";
        while (await conn.ExecuteScalarAsync<string?>(new CommandDefinition(NextActionSql, new { After = after }, cancellationToken: ct)) is { } next)
        {
            codes.Add(next);
            after = next;
        }
        return codes;
    }

    /// <summary>The scope of one row, or null when there is no such row (the archive has moved it, or the id is made up).</summary>
    public async Task<AuditRowScope?> ScopeAsync(long id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<AuditRowScope>(new CommandDefinition(ScopeSql, new { Id = id }, cancellationToken: ct));
    }

    /// <summary>
    /// The WHERE clause (with a leading newline, or empty) and its parameters for a view and a filter. Dates are China
    /// dates; the log stores the app clock's local time (<see cref="BaiheClock"/>), so a day is [day 00:00, next day 00:00).
    /// </summary>
    internal static (string Where, DynamicParameters Args) Where(AuditView view, AuditFilter filter)
    {
        var parts = new List<string>();
        var args = new DynamicParameters();
        if (!view.All)
        {
            if (view.SubDistrictId is int subDistrict)
            {
                parts.Add(ViewSubDistrictFragment);
                args.Add("ViewSubDistrictId", subDistrict);
            }
            else
            {
                parts.Add(ViewCommunityFragment);
                args.Add("ViewCommunityId", view.CommunityId);
            }
        }
        if (filter.CommunityId is int community)
        {
            parts.Add(CommunityFragment);
            args.Add("CommunityId", community);
        }
        if (!string.IsNullOrEmpty(filter.Person))
        {
            parts.Add(PersonFragment);
            args.Add("Person", filter.Person);
        }
        if (filter.Action == AuditFilter.AllRefusals)
        {
            parts.Add(RefusalsFragment);
        }
        else if (!string.IsNullOrEmpty(filter.Action))
        {
            parts.Add(ActionFragment);
            args.Add("Action", filter.Action);
        }
        if (!string.IsNullOrEmpty(filter.Area))
        {
            parts.Add(AreaFragment);
            args.Add("Area", filter.Area);
        }
        if (!string.IsNullOrEmpty(filter.EntityType))
        {
            parts.Add(EntityTypeFragment);
            args.Add("EntityType", filter.EntityType);
            if (!string.IsNullOrEmpty(filter.EntityId))
            {
                parts.Add(EntityIdFragment);
                args.Add("EntityId", filter.EntityId);
            }
        }
        if (filter.From is DateOnly from)
        {
            parts.Add(FromFragment);
            args.Add("FromAt", from.ToDateTime(TimeOnly.MinValue));
        }
        if (filter.To is DateOnly to)
        {
            parts.Add(ToFragment);
            args.Add("ToAt", to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        }
        return (parts.Count == 0 ? "" : "\nWHERE " + string.Join("\n  AND ", parts), args);
    }
}
