using System.Globalization;
using System.Text.Json;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Residents;
using Dapper;

namespace Baihe.Data.Teams;

/// <summary>
/// Reads one team's roster page: the searched, filtered, sorted and paged member list; the member a link opens; and
/// the change history. The history is read from the audit trail (every roster command writes its before and after
/// there) plus the memberships themselves for joins and leaves older than that trail, so there is one source of truth.
/// </summary>
public sealed class RosterQueries(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>The refusal for a user who may not edit the team a member link points into.</summary>
    public const string NotYourTeam = "您只能编辑本队成员，无权修改这支队伍的花名册。";

    /// <summary>The refusal for a member link whose member is not on the team now.</summary>
    public const string NotOnTeam = "找不到这位成员：TA 不在本队花名册中（可能已离队）。";

    /// <summary>Rows per page of the change history.</summary>
    public const int ChangesPageSize = 20;

    private const string RosterWhereFragment = """
        FROM Membership ms
        JOIN Member m ON m.Id = ms.MemberId
        JOIN Grid g ON g.Id = m.GridId
        WHERE ms.TeamId = @TeamId
          AND (@Status = 'all' OR (@Status = 'active' AND ms.LeftOn IS NULL) OR (@Status = 'left' AND ms.LeftOn IS NOT NULL))
          AND (@Role IS NULL OR ms.Role = @Role)
          AND (@Q IS NULL OR m.Name LIKE @Q ESCAPE '\' OR g.Name LIKE @Q ESCAPE '\' OR m.Phone LIKE @Tail)
        """;

    // The sort is a parameter matched against a fixed list of CASE arms, never text put into the SQL.
    private const string RosterListFragment = """
        SELECT r.MembershipId, r.MemberId, r.Name, r.Phone, r.Role, r.JoinedOn, r.LeftOn, r.LeaveReason, r.Grid,
               r.IsPartyMember, r.IsNeighbourLead, r.IsSample, r.Skill, r.MembershipVersion, r.MemberVersion, r.Points
        FROM (
            SELECT ms.Id AS MembershipId, m.Id AS MemberId, m.Name, m.Phone, ms.Role, ms.JoinedOn, ms.LeftOn, ms.LeaveReason,
                   g.Name AS Grid, g.SortOrder AS GridOrder, m.IsPartyMember, m.IsNeighbourLead, m.IsSample, m.Skill,
                   CAST(ms.RowVersion AS BIGINT) AS MembershipVersion, CAST(m.RowVersion AS BIGINT) AS MemberVersion,
                   (SELECT COALESCE(SUM(pe.Points), 0) FROM PointEntry pe WHERE pe.MemberId = m.Id) AS Points
        """ + "\n" + RosterWhereFragment + """

        ) r
        ORDER BY CASE WHEN @Sort = 'role' THEN CASE r.Role WHEN 'Lead' THEN 0 WHEN 'Deputy' THEN 1 ELSE 2 END END,
                 CASE WHEN @Sort = 'name' THEN r.Name END,
                 CASE WHEN @Sort = 'grid' THEN r.GridOrder END,
                 CASE WHEN @Sort = 'points' THEN r.Points END DESC,
                 r.JoinedOn, r.MembershipId

        """;

    private const string RosterListSqlServer = RosterListFragment + "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;";

    private const string RosterListSqlite = RosterListFragment + "LIMIT @Take OFFSET @Skip;";

    private const string RosterCountSql = "SELECT COUNT(*)\n" + RosterWhereFragment + ";";

    /// <summary>
    /// One page of a team's roster as <paramref name="filter"/> asks. A page past the end answers the last page, so a
    /// link kept from a longer list still shows members.
    /// </summary>
    public async Task<ListPage<RosterRow>> PageAsync(int teamId, RosterFilter filter, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var args = new DynamicParameters(new
        {
            TeamId = teamId,
            filter.Status,
            filter.Role,
            Q = filter.NamePattern,
            Tail = filter.PhoneTailPattern,
            filter.Sort,
        });
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(RosterCountSql, args, cancellationToken: ct));
        var pages = Math.Max(1, (total + RosterFilter.PageSize - 1) / RosterFilter.PageSize);
        var page = Math.Min(filter.Page, pages);
        args.Add("Skip", (page - 1) * RosterFilter.PageSize);
        args.Add("Take", RosterFilter.PageSize);
        var rows = await conn.QueryAsync<RosterRow>(new CommandDefinition(db.IsSqlite ? RosterListSqlite : RosterListSqlServer, args, cancellationToken: ct));
        return new ListPage<RosterRow>(rows.AsList(), total, page, RosterFilter.PageSize);
    }

    private const string MemberOnTeamSql = """
        SELECT ms.Id AS MembershipId, m.Id AS MemberId, m.Name, m.Phone, ms.Role, ms.JoinedOn, ms.LeftOn, ms.LeaveReason,
               g.Name AS Grid, m.IsPartyMember, m.IsNeighbourLead, m.IsSample, m.Skill,
               CAST(ms.RowVersion AS BIGINT) AS MembershipVersion, CAST(m.RowVersion AS BIGINT) AS MemberVersion
        FROM Membership ms
        JOIN Member m ON m.Id = ms.MemberId
        JOIN Grid g ON g.Id = m.GridId
        WHERE ms.TeamId = @TeamId AND ms.MemberId = @MemberId AND ms.LeftOn IS NULL;
        """;

    /// <summary>The member's row on the team now, or null when they are not on it (for a refreshed editor after a conflict).</summary>
    public async Task<RosterRow?> MemberAsync(int teamId, int memberId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<RosterRow>(new CommandDefinition(MemberOnTeamSql, new { TeamId = teamId, MemberId = memberId }, cancellationToken: ct));
    }

    /// <summary>
    /// The member a link such as <c>/teams/1/members/12</c> opens for editing. A user who may not edit the team, or a
    /// member id not on the team now (forged, foreign or stale), is refused and the refusal audited.
    /// </summary>
    public async Task<RosterMemberChoice> OpenMemberAsync(Actor actor, TeamScope team, int memberId, CancellationToken ct = default)
    {
        if (!RosterRules.CanEdit(actor, team))
        {
            await Journal.DeniedAsync(db, actor, clock.Now, "Roster.OpenMember", "Member", memberId, new { team.TeamId }, ct, NotYourTeam);
            return new RosterMemberChoice(null, NotYourTeam);
        }
        var row = await MemberAsync(team.TeamId, memberId, ct);
        if (row is null)
        {
            await Journal.DeniedAsync(db, actor, clock.Now, "Roster.OpenMember", "Member", memberId, new { team.TeamId }, ct, NotOnTeam);
            return new RosterMemberChoice(null, NotOnTeam);
        }
        return new RosterMemberChoice(row, null);
    }

    // Changes recorded in the same instant keep the audit trail's order; rows older than the trail come after them.
    // Joins and leaves come from the memberships, with the audit row when there is one (rows seeded or imported before
    // the audit trail have none); role and contact changes exist only in the audit trail. A contact change belongs to
    // the resident, so it is listed on every team the resident was ever on.
    private const string ChangesFragment = """
        SELECT x.Kind, x.OccurredAt, x.MemberName, x.ChangedBy, x.BeforeJson, x.AfterJson, x.FirstRoleJson,
               x.Role, x.JoinedOn, x.LeftOn, x.LeaveReason, x.AuditId, x.RowId
        FROM (
            SELECT 'Join' AS Kind, COALESCE(a.OccurredAt, ms.JoinedOn) AS OccurredAt, m.Name AS MemberName,
                   COALESCE(u.DisplayName, a.UserName) AS ChangedBy, a.BeforeJson, a.AfterJson,
                   (SELECT f.BeforeJson FROM AuditLog f WHERE f.Id = (
                        SELECT MIN(f2.Id) FROM AuditLog f2
                        WHERE f2.EntityType = 'Membership' AND f2.EntityId = CAST(ms.Id AS NVARCHAR(20)) AND f2.Action = 'Roster.ChangeRole')) AS FirstRoleJson,
                   ms.Role, ms.JoinedOn, ms.LeftOn, ms.LeaveReason, a.Id AS AuditId, ms.Id AS RowId
            FROM Membership ms
            JOIN Member m ON m.Id = ms.MemberId
            LEFT JOIN AuditLog a ON a.EntityType = 'Membership' AND a.EntityId = CAST(ms.Id AS NVARCHAR(20)) AND a.Action = 'Roster.AddMember'
            LEFT JOIN AppUser u ON u.Id = a.UserId
            WHERE ms.TeamId = @TeamId
            UNION ALL
            SELECT 'Leave', COALESCE(a.OccurredAt, ms.LeftOn), m.Name,
                   COALESCE(u.DisplayName, a.UserName), a.BeforeJson, a.AfterJson, NULL,
                   ms.Role, ms.JoinedOn, ms.LeftOn, ms.LeaveReason, a.Id, ms.Id
            FROM Membership ms
            JOIN Member m ON m.Id = ms.MemberId
            LEFT JOIN AuditLog a ON a.EntityType = 'Membership' AND a.EntityId = CAST(ms.Id AS NVARCHAR(20)) AND a.Action = 'Roster.RecordLeave'
            LEFT JOIN AppUser u ON u.Id = a.UserId
            WHERE ms.TeamId = @TeamId AND ms.LeftOn IS NOT NULL
            UNION ALL
            SELECT 'Role', a.OccurredAt, m.Name,
                   COALESCE(u.DisplayName, a.UserName), a.BeforeJson, a.AfterJson, NULL,
                   ms.Role, ms.JoinedOn, ms.LeftOn, ms.LeaveReason, a.Id, a.Id
            FROM Membership ms
            JOIN Member m ON m.Id = ms.MemberId
            JOIN AuditLog a ON a.EntityType = 'Membership' AND a.EntityId = CAST(ms.Id AS NVARCHAR(20)) AND a.Action = 'Roster.ChangeRole'
            LEFT JOIN AppUser u ON u.Id = a.UserId
            WHERE ms.TeamId = @TeamId
            UNION ALL
            SELECT 'Contact', a.OccurredAt, m.Name,
                   COALESCE(u.DisplayName, a.UserName), a.BeforeJson, a.AfterJson, NULL,
                   NULL, NULL, NULL, NULL, a.Id, a.Id
            FROM Member m
            JOIN AuditLog a ON a.EntityType = 'Member' AND a.EntityId = CAST(m.Id AS NVARCHAR(20)) AND a.Action = 'Member.EditContact'
            LEFT JOIN AppUser u ON u.Id = a.UserId
            WHERE m.Id IN (SELECT t.MemberId FROM Membership t WHERE t.TeamId = @TeamId)
        ) x
        """;

    private const string ChangesSqlServer = ChangesFragment + """

        ORDER BY x.OccurredAt DESC, x.AuditId DESC, x.RowId DESC
        OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY;
        """;

    private const string ChangesSqlite = ChangesFragment + """

        ORDER BY x.OccurredAt DESC, x.AuditId DESC, x.RowId DESC
        LIMIT @Take OFFSET @Skip;
        """;

    private const string ChangesCountSql = "SELECT COUNT(*) FROM (\n" + ChangesFragment + "\n) c;";

    /// <summary>
    /// One page of every change to a team's roster, newest first: joins, role changes, contact changes and leaves,
    /// each with who, when, before and after. Phones are masked unless <paramref name="fullPhones"/>.
    /// </summary>
    public async Task<ListPage<RosterChange>> ChangesAsync(int teamId, bool fullPhones, int page = 1, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition(ChangesCountSql, new { TeamId = teamId }, cancellationToken: ct));
        var pages = Math.Max(1, (total + ChangesPageSize - 1) / ChangesPageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = await conn.QueryAsync<ChangeRow>(new CommandDefinition(db.IsSqlite ? ChangesSqlite : ChangesSqlServer,
            new { TeamId = teamId, Skip = (page - 1) * ChangesPageSize, Take = ChangesPageSize }, cancellationToken: ct));
        return new ListPage<RosterChange>(rows.Select(r => Describe(r, fullPhones)).ToList(), total, page, ChangesPageSize);
    }

    private static RosterChange Describe(ChangeRow row, bool fullPhones)
    {
        var before = Read(row.BeforeJson);
        var after = Read(row.AfterJson);
        var (was, now) = row.Kind switch
        {
            RosterChange.Join => ((string?)null,
                $"{TeamLabels.Role(after.Role ?? Read(row.FirstRoleJson).Role ?? row.Role ?? "")}，入队日期 {Day(after.JoinedOn ?? row.JoinedOn)}"),
            RosterChange.Leave => ($"在册（{TeamLabels.Role(row.Role ?? "")}）",
                $"离队日期 {Day(after.LeftOn ?? row.LeftOn)}" + (string.IsNullOrEmpty(after.Reason ?? row.LeaveReason) ? "" : $"，原因：{after.Reason ?? row.LeaveReason}")),
            RosterChange.RoleChange => (TeamLabels.Role(before.Role ?? ""), TeamLabels.Role(after.Role ?? "")),
            _ => Contact(before, after, fullPhones),
        };
        return new RosterChange
        {
            Kind = row.Kind,
            OccurredAt = row.OccurredAt,
            MemberName = row.MemberName,
            ChangedBy = row.ChangedBy,
            Before = was,
            After = now,
        };
    }

    // Only what changed is named; a save that changed nothing shows both fields, so the row still says what was saved.
    private static (string?, string?) Contact(AuditValues before, AuditValues after, bool fullPhones)
    {
        var nameChanged = before.Name != after.Name;
        var phoneChanged = before.Phone != after.Phone;
        if (!nameChanged && !phoneChanged)
        {
            (nameChanged, phoneChanged) = (true, true);
        }
        string Words(AuditValues v) => string.Join("；", new[]
        {
            nameChanged ? $"姓名 {v.Name}" : null,
            phoneChanged ? $"电话 {(string.IsNullOrEmpty(v.Phone) ? "（无）" : fullPhones ? v.Phone : PhoneNumber.Mask(v.Phone))}" : null,
        }.Where(p => p is not null));
        return (Words(before), Words(after));
    }

    private static string Day(DateTime? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    private static AuditValues Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new AuditValues();
        }
        try
        {
            return JsonSerializer.Deserialize<AuditValues>(json) ?? new AuditValues();
        }
        catch (JsonException)
        {
            // An audit row this version cannot read still shows as a change, only without its values.
            return new AuditValues();
        }
    }

    /// <summary>The fields roster commands write into AuditLog's before and after JSON.</summary>
    private sealed record AuditValues
    {
        public string? Role { get; init; }
        public string? Name { get; init; }
        public string? Phone { get; init; }
        public DateTime? JoinedOn { get; init; }
        public DateTime? LeftOn { get; init; }
        public string? Reason { get; init; }
    }

    private sealed record ChangeRow
    {
        public string Kind { get; init; } = "";
        public DateTime OccurredAt { get; init; }
        public string MemberName { get; init; } = "";
        public string? ChangedBy { get; init; }
        public string? BeforeJson { get; init; }
        public string? AfterJson { get; init; }
        public string? FirstRoleJson { get; init; }
        public string? Role { get; init; }
        public DateTime? JoinedOn { get; init; }
        public DateTime? LeftOn { get; init; }
        public string? LeaveReason { get; init; }
        public long? AuditId { get; init; }
        public long RowId { get; init; }
    }
}
