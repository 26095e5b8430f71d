using System.Data.Common;
using Baihe.Data.Database;
using Baihe.Data.Members;
using Baihe.Data.Wishes;
using Dapper;

namespace Baihe.Data.Reports;

/// <summary>Reads one community's month for the Excel report. Every range is [From, To) computed in C#.</summary>
/// <remarks>
/// The clock and the task options serve the month's rates (<see cref="RatesAsync"/>): "already overdue" is judged at the
/// month's end, or now for the running month; both default when not given.
/// </remarks>
public sealed class ReportQueries(DbConnectionFactory db, BaiheClock? clock = null, Tasks.TaskOptions? options = null)
{
    private const string RateNamesSql = """
        SELECT g.Id, g.Name, 'Grid' AS Kind FROM Grid g WHERE g.CommunityId = @CommunityId
        UNION ALL
        SELECT t.Id, t.Name, 'Team' AS Kind FROM Team t WHERE t.CommunityId = @CommunityId;
        """;

    private const string SubDistrictSql = "SELECT SubDistrictId FROM Community WHERE Id = @CommunityId;";

    private sealed class RateName { public int Id { get; init; } public string Name { get; init; } = ""; public string Kind { get; init; } = ""; }

    /// <summary>The month's rates of <paramref name="communityId"/>: in total, per grid (every grid) and per team (teams handling a task received in the month).</summary>
    public async Task<ReportRates> RatesAsync(int communityId, Period month, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        if (await conn.ExecuteScalarAsync<int?>(new CommandDefinition(SubDistrictSql, new { CommunityId = communityId }, cancellationToken: ct)) is not int subDistrict)
        {
            return ReportRates.Empty;
        }
        var args = new Dashboard.DashboardArgs(subDistrict, communityId, null, month.From, month.To, clock?.Now ?? DateTime.Now);
        var rows = await Dashboard.RateSql.ReadAsync(conn, db.IsSqlite, args, options ?? Tasks.TaskOptions.Default, ct);
        var names = (await conn.QueryAsync<RateName>(new CommandDefinition(RateNamesSql, new { CommunityId = communityId }, cancellationToken: ct))).ToList();
        var grids = names.Where(n => n.Kind == "Grid").OrderBy(n => n.Id)
            .Select(n => new Dashboard.RateRow(n.Id, n.Name, Tasks.MonthRates.Sum(rows.Where(r => r.GridId == n.Id)))).ToList();
        var teams = names.Where(n => n.Kind == "Team" && rows.Any(r => r.TeamId == n.Id)).OrderBy(n => n.Id)
            .Select(n => new Dashboard.RateRow(n.Id, n.Name, Tasks.MonthRates.Sum(rows.Where(r => r.TeamId == n.Id)))).ToList();
        return new ReportRates(Tasks.MonthRates.Sum(rows), grids, teams);
    }

    private const string CountsSql = """
        SELECT
            (SELECT COUNT(DISTINCT ms.MemberId) FROM Membership ms JOIN Team t ON t.Id = ms.TeamId
              WHERE t.CommunityId = @CommunityId AND 
        """ + PeopleSql.OnRosterFragment + """
        ) AS Members,
            (SELECT COALESCE(-SUM(s.Redeemed), 0) FROM PointMemberSummary s JOIN Member m ON m.Id = s.MemberId JOIN Grid g ON g.Id = m.GridId
              WHERE g.CommunityId = @CommunityId AND s.Month = @Month) AS PointsRedeemed,
            (SELECT COUNT(*) FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
              WHERE g.CommunityId = @CommunityId AND rt.CollectedAt >= @From AND rt.CollectedAt < @To) AS TasksReceived,
            (SELECT COUNT(*) FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
              WHERE g.CommunityId = @CommunityId AND rt.ClosedMonth = @Month AND rt.ClosedAt <= rt.DueAt) AS TasksOnTime,
            (SELECT COUNT(*) FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
              WHERE g.CommunityId = @CommunityId AND rt.ClosedMonth = @Month AND rt.Satisfaction IN ('Satisfied', 'Basic')) AS TasksSatisfied,
            (SELECT COUNT(*) FROM MicroWish w JOIN Grid g ON g.Id = w.GridId
              WHERE g.CommunityId = @CommunityId AND w.PublishedAt >= @From AND w.PublishedAt < @To) AS WishesPublished;
        """;

    private const string RosterSql = """
        SELECT t.Name AS Team, t.Kind, m.Name, ms.Role, g.Name AS Grid, m.Phone, ms.JoinedOn, ms.LeftOn, ms.LeaveReason, t.Id AS TeamId
        FROM Membership ms
        JOIN Team t ON t.Id = ms.TeamId
        JOIN Member m ON m.Id = ms.MemberId
        JOIN Grid g ON g.Id = m.GridId
        WHERE t.CommunityId = @CommunityId AND (@TeamId IS NULL OR t.Id = @TeamId)
          AND ms.JoinedOn < @To AND (ms.LeftOn IS NULL OR ms.LeftOn >= @From)
        ORDER BY t.SortOrder, CASE ms.Role WHEN 'Lead' THEN 0 WHEN 'Deputy' THEN 1 ELSE 2 END, ms.JoinedOn, m.Id;
        """;

    // The month's entries carry ids, not names: a month repeats the same few hundred people, five areas and a handful of
    // recorders 100k times, and reading each name as text again was most of the cost of reading the ledger. The names
    // come once from LedgerNamesSql and every line shares them.
    // The day as yyyyMMdd and no nulls: each value costs the provider a call into the engine per line (a null check is
    // one more), and a date read as text one more and a string. The day is PointEntry.OccurredDay (migration 0014); SQLite
    // computes that column from the table row, so its text spells out the same expression over the index's OccurredOn.
    private const string LedgerColumnsFragment = """
        pe.MemberId, pe.CategoryId, pe.Points, pe.Source, COALESCE(pe.Note, '') AS Note, COALESCE(pe.RecordedByUserId, 0) AS RecordedByUserId

        """;

    // The community's people as a set rather than two joins per line: the month's lines need no column of theirs.
    private const string LedgerWhereFragment = """
        WHERE pe.MemberId IN (SELECT m.Id FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = @CommunityId)
          AND pe.OccurredOn >= @From AND pe.OccurredOn < @To
        ORDER BY pe.OccurredOn, pe.Id;
        """;

    /// <summary>The names a community's ledger lines show: its people with their grid, the areas, the recorders.</summary>
    private const string LedgerNamesSql = """
        SELECT m.Id, m.Name, g.Name AS Grid FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = @CommunityId;
        SELECT Id, Name FROM PointCategory;
        SELECT Id, DisplayName FROM AppUser;
        """;

    private const string LedgerSqlServer = "SELECT pe.OccurredDay, " + LedgerColumnsFragment + "FROM PointEntry pe\n" + LedgerWhereFragment;

    // Without statistics SQLite starts from the community's members and sorts the month afterwards, which took twice
    // as long at 100k rows; IX_PointEntry_Ledger already holds the month in the sheet's order.
    private const string LedgerSqlite = "SELECT CAST(substr(pe.OccurredOn, 1, 4) || substr(pe.OccurredOn, 6, 2) || substr(pe.OccurredOn, 9, 2) AS INTEGER), "
        + LedgerColumnsFragment + "FROM PointEntry pe INDEXED BY IX_PointEntry_Ledger\n" + LedgerWhereFragment;

    // The month's entries per community counted from PointSummary (grid × month × area, Entries kept by every ledger
    // write) rather than by reading the month's entries once more; a community with none has no row.
    private const string CommunityLedgerCountsSql = """
        SELECT g.CommunityId, SUM(ps.Entries) AS Rows
        FROM PointSummary ps JOIN Grid g ON g.Id = ps.GridId
        WHERE g.CommunityId = @CommunityId AND ps.Month = @Month
        GROUP BY g.CommunityId
        HAVING SUM(ps.Entries) > 0;
        """;

    private const string SubDistrictLedgerCountsSql = """
        SELECT g.CommunityId, SUM(ps.Entries) AS Rows
        FROM PointSummary ps JOIN Grid g ON g.Id = ps.GridId JOIN Community c ON c.Id = g.CommunityId
        WHERE c.SubDistrictId = @SubDistrictId AND ps.Month = @Month
        GROUP BY g.CommunityId
        HAVING SUM(ps.Entries) > 0;
        """;

    /// <summary>A community and its sub-district, for <see cref="ReportTarget"/>.</summary>
    private const string TargetSql = "SELECT Id AS CommunityId, SubDistrictId FROM Community WHERE Id = @CommunityId;";

    /// <summary>The teams of a community, for <see cref="ReportTarget"/>.</summary>
    private const string TargetTeamsSql = "SELECT Id FROM Team WHERE CommunityId = @CommunityId ORDER BY Id;";

    private const string RedemptionsSql = """
        SELECT r.RequestedAt, m.Name, rw.Name AS Reward, r.Points, r.Status, r.FulfilledAt
        FROM Redemption r JOIN Reward rw ON rw.Id = r.RewardId JOIN Member m ON m.Id = r.MemberId
        WHERE rw.CommunityId = @CommunityId AND r.RequestedAt >= @From AND r.RequestedAt < @To
        ORDER BY r.RequestedAt, r.Id;
        """;

    private const string ActivitiesSql = """
        SELECT a.HeldOn, a.Title, t.Name AS Team, pc.Name AS Area, a.Place,
               (SELECT COUNT(*) FROM Attendance at WHERE at.ActivityId = a.Id) AS Headcount, a.PointsPerAttendee, a.Status
        FROM Activity a JOIN Team t ON t.Id = a.TeamId JOIN PointCategory pc ON pc.Id = a.CategoryId
        WHERE t.CommunityId = @CommunityId AND a.HeldOn >= @From AND a.HeldOn < @To
        ORDER BY a.HeldOn, a.Id;
        """;

    private const string TasksSql = """
        SELECT rt.Id, rt.Title, g.Name AS Grid, rt.Category, rt.Source, rt.Urgency, rt.Stage, rt.CollectedAt, rt.DueAt, rt.ClosedAt, rt.Satisfaction, rt.Result
        FROM ResidentTask rt JOIN Grid g ON g.Id = rt.GridId
        WHERE g.CommunityId = @CommunityId
          AND EXISTS (SELECT 1 FROM TaskStageHistory h WHERE h.TaskId = rt.Id AND h.ChangedAt >= @From AND h.ChangedAt < @To)
        ORDER BY rt.CollectedAt, rt.Id;
        """;

    private const string TaskChangesSql = """
        SELECT h.TaskId, h.FromStage, h.ToStage, h.ChangedAt
        FROM TaskStageHistory h JOIN ResidentTask rt ON rt.Id = h.TaskId JOIN Grid g ON g.Id = rt.GridId
        WHERE g.CommunityId = @CommunityId
          AND EXISTS (SELECT 1 FROM TaskStageHistory x WHERE x.TaskId = h.TaskId AND x.ChangedAt >= @From AND x.ChangedAt < @To)
        ORDER BY h.TaskId, h.ChangedAt, h.Id;
        """;

    private const string WishesSql = WishQueries.RowSelectFragment + """
        WHERE g.CommunityId = @CommunityId
          AND ((w.PublishedAt >= @From AND w.PublishedAt < @To) OR (w.ClaimedAt >= @From AND w.ClaimedAt < @To) OR w.FulfilledMonth = @Month)
        ORDER BY w.PublishedAt, w.Id;
        """;

    private static object Args(int communityId, Period month, int? teamId = null) =>
        new { CommunityId = communityId, month.From, month.To, Month = month.FromMonth, TeamId = teamId };

    public async Task<MonthCounts> CountsAsync(int communityId, Period month, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        // 在册人数 at the month's last moment, with the same fragment the overview and /brands count now.
        var args = new { CommunityId = communityId, month.From, month.To, Month = month.FromMonth, Now = PeopleQueries.EndOf(month) };
        return await conn.QuerySingleAsync<MonthCounts>(new CommandDefinition(CountsSql, args, cancellationToken: ct));
    }

    /// <summary>The roster at month end plus those who left during the month; one team only when <paramref name="teamId"/> is given.</summary>
    public Task<IReadOnlyList<RosterLine>> RosterAsync(int communityId, Period month, int? teamId, CancellationToken ct = default) =>
        ListAsync<RosterLine>(RosterSql, Args(communityId, month, teamId), ct);

    /// <summary>
    /// The month's ledger of a community, in memory (the benchmark's baselines are handed it). The report streams it with
    /// <see cref="LedgerStreamAsync(int, Period, CancellationToken)"/>, whose reading this is, so both read the same rows the same way.
    /// </summary>
    public async Task<IReadOnlyList<LedgerLine>> LedgerAsync(int communityId, Period month, CancellationToken ct = default) =>
        await LedgerStreamAsync(communityId, month, ct).ToListAsync(ct);

    /// <summary>
    /// The month's ledger of a community, one row at a time straight from the data reader, so a 100k-row month is never
    /// held in memory. The connection stays open until the caller stops enumerating. Lines of the same person, area or
    /// recorder share one instance of each name.
    /// </summary>
    public IAsyncEnumerable<LedgerLine> LedgerStreamAsync(int communityId, Period month, CancellationToken ct = default) =>
        LedgerStreamAsync(communityId, month, null, ct);

    /// <summary>The ledger stream, starting from <paramref name="names"/> when given (a test's stale names), else reading them.</summary>
    internal async IAsyncEnumerable<LedgerLine> LedgerStreamAsync(int communityId, Period month, LedgerNames? names,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        names ??= await LedgerNames.ReadAsync(conn, communityId, ct);
        // On a connection of its own: SQL Server runs one command at a time per connection, and the reader is open.
        async Task<LedgerNames> ReadNamesAgainAsync()
        {
            await using var again = await db.OpenAsync(ct);
            return await LedgerNames.ReadAsync(again, communityId, ct);
        }
        await using var reader = await conn.ExecuteReaderAsync(new CommandDefinition(db.IsSqlite ? LedgerSqlite : LedgerSqlServer, Args(communityId, month), cancellationToken: ct));
        // Typed getters in the select's column order, not Dapper's row parser, which reads every value boxed.
        // The month comes in date order, so a day's date is made once, not once per line.
        var dayKey = 0;
        var day = default(DateTime);
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetInt32(0) is var key && key != dayKey)
            {
                day = new DateTime(key / 10000, key / 100 % 100, key % 100);
                dayKey = key;
            }
            var member = names.Member(reader.GetInt32(1)) ?? (names = await ReadNamesAgainAsync()).Member(reader.GetInt32(1))
                ?? throw new InvalidOperationException($"Ledger line of unknown member {reader.GetInt32(1)}.");
            yield return new LedgerLine
            {
                OccurredOn = day,
                Name = member.Name,
                Grid = member.Grid,
                Area = names.Area(reader.GetInt32(2)),
                Points = reader.GetInt32(3),
                Source = reader.GetString(4),
                Note = reader.GetString(5) is { Length: > 0 } note ? note : null,
                RecordedBy = reader.GetInt32(6) is var recorder and > 0 ? names.Recorder(recorder) : null,
            };
        }
    }

    /// <summary>
    /// The names of a community's ledger, read once per stream. A person added while the month is read (so not in these
    /// names) makes the stream read them again; a recorder or area still unknown then shows as no name, as the outer
    /// join it replaces did.
    /// </summary>
    internal sealed class LedgerNames(Dictionary<int, (string Name, string Grid)> members, Dictionary<int, string> areas, Dictionary<int, string> recorders)
    {
        public static async Task<LedgerNames> ReadAsync(DbConnection conn, int communityId, CancellationToken ct)
        {
            await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(LedgerNamesSql, new { CommunityId = communityId }, cancellationToken: ct));
            var members = (await grid.ReadAsync<(int Id, string Name, string Grid)>()).ToDictionary(m => m.Id, m => (m.Name, m.Grid));
            var areas = (await grid.ReadAsync<(int Id, string Name)>()).ToDictionary(a => a.Id, a => a.Name);
            var recorders = (await grid.ReadAsync<(int Id, string Name)>()).ToDictionary(u => u.Id, u => u.Name);
            return new LedgerNames(members, areas, recorders);
        }

        public (string Name, string Grid)? Member(int id) => members.TryGetValue(id, out var m) ? m : null;

        public string Area(int id) => areas.GetValueOrDefault(id, "");

        public string? Recorder(int id) => recorders.GetValueOrDefault(id);
    }

    /// <summary>
    /// The month's ledger row count of each community of the scope that has any (the report's largest sheet): only the
    /// scope's community for a community export, every community of the sub-district for a roll-up. <paramref name="month"/> is a
    /// calendar month, as every report's is: the counts come from the month rows of PointSummary.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, int>> LedgerCountsAsync(ExportScope scope, Period month, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var query = scope.SubDistrictId is int subDistrict
            ? new CommandDefinition(SubDistrictLedgerCountsSql, new { SubDistrictId = subDistrict, Month = month.FromMonth }, cancellationToken: ct)
            : new CommandDefinition(CommunityLedgerCountsSql, new { scope.CommunityId, Month = month.FromMonth }, cancellationToken: ct);
        var rows = await conn.QueryAsync<(int CommunityId, int Rows)>(query);
        return rows.ToDictionary(r => r.CommunityId, r => r.Rows);
    }

    /// <summary>A community as <see cref="ReportRules.ScopeFor"/> needs it, or null when there is no such community.</summary>
    public async Task<ReportTarget?> TargetAsync(int communityId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await TargetAsync(conn, null, communityId, ct);
    }

    /// <summary>The same read inside a command's transaction, so the rule it checks sees what the transaction sees.</summary>
    internal static async Task<ReportTarget?> TargetAsync(DbConnection conn, DbTransaction? tx, int communityId, CancellationToken ct)
    {
        var args = new { CommunityId = communityId };
        var community = (await conn.QueryAsync<(int CommunityId, int SubDistrictId)>(new CommandDefinition(TargetSql, args, tx, cancellationToken: ct))).AsList();
        if (community.Count == 0)
        {
            return null;
        }
        var teams = await conn.QueryAsync<int>(new CommandDefinition(TargetTeamsSql, args, tx, cancellationToken: ct));
        return new ReportTarget(community[0].CommunityId, community[0].SubDistrictId, teams.AsList());
    }

    public Task<IReadOnlyList<RedemptionLine>> RedemptionsAsync(int communityId, Period month, CancellationToken ct = default) => ListAsync<RedemptionLine>(RedemptionsSql, Args(communityId, month), ct);

    public Task<IReadOnlyList<ActivityLine>> ActivitiesAsync(int communityId, Period month, CancellationToken ct = default) => ListAsync<ActivityLine>(ActivitiesSql, Args(communityId, month), ct);

    public Task<IReadOnlyList<TaskLine>> TasksAsync(int communityId, Period month, CancellationToken ct = default) => ListAsync<TaskLine>(TasksSql, Args(communityId, month), ct);

    public Task<IReadOnlyList<TaskChangeLine>> TaskChangesAsync(int communityId, Period month, CancellationToken ct = default) => ListAsync<TaskChangeLine>(TaskChangesSql, Args(communityId, month), ct);

    public Task<IReadOnlyList<WishRow>> WishesAsync(int communityId, Period month, CancellationToken ct = default) => ListAsync<WishRow>(WishesSql, Args(communityId, month), ct);

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object args, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(ct);
        return (await conn.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }
}
