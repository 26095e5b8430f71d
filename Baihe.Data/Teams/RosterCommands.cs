using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Residents;

namespace Baihe.Data.Teams;

/// <summary>
/// Writes to team rosters. Each method asks <see cref="RosterRules"/> about the resource it touches inside its
/// transaction, validates, writes, audits and bumps the Roster change version, all in one transaction. A refused
/// actor, or an id that does not exist, is audited and gets <see cref="AccessDeniedException"/>; bad input gets a
/// <see cref="CommandResult"/> with a Chinese message.
/// </summary>
public sealed class RosterCommands(DbConnectionFactory db, BaiheClock clock)
{
    private const string TeamScopeSql = "SELECT t.Id, t.CommunityId, t.Name FROM Team t WHERE t.Id = @TeamId;";

    private const string MemberScopeSql = """
        SELECT m.Id, g.CommunityId, m.Name, m.Phone, CAST(m.RowVersion AS BIGINT) AS RowVersion
        FROM Member m
        JOIN Grid g ON g.Id = m.GridId
        WHERE m.Id = @MemberId;
        """;

    private const string GridCommunitySql = "SELECT g.CommunityId FROM Grid g WHERE g.Id = @GridId;";

    private const string ActiveOnTeamSql = """
        SELECT COUNT(*) FROM Membership ms WHERE ms.TeamId = @TeamId AND ms.MemberId = @MemberId AND ms.LeftOn IS NULL;
        """;

    private const string DuplicateResidentSql = """
        SELECT MIN(m.Id)
        FROM Member m
        JOIN Grid g ON g.Id = m.GridId
        WHERE g.CommunityId = @CommunityId AND m.Name = @Name AND m.Phone = @Phone;
        """;

    private const string HasLeadSql = """
        SELECT COUNT(*) FROM Membership ms WHERE ms.TeamId = @TeamId AND ms.Role = 'Lead' AND ms.LeftOn IS NULL;
        """;

    private const string InsertResidentSql = """
        INSERT INTO Member (GridId, Name, Phone, IsPartyMember, IsRetiredSoe, IsNeighbourLead, IsSample, CreatedAt)
        VALUES (@GridId, @Name, @Phone, 0, 0, 0, 0, @CreatedAt);
        """;

    private const string InsertMembershipSql = """
        INSERT INTO Membership (TeamId, MemberId, Role, JoinedOn) VALUES (@TeamId, @MemberId, @Role, @JoinedOn);
        """;

    private const string MembershipScopeSql = """
        SELECT ms.Id, ms.TeamId, ms.MemberId, ms.Role, ms.JoinedOn, ms.LeftOn, CAST(ms.RowVersion AS BIGINT) AS RowVersion,
               t.CommunityId, m.Name
        FROM Membership ms
        JOIN Team t ON t.Id = ms.TeamId
        JOIN Member m ON m.Id = ms.MemberId
        WHERE ms.Id = @MembershipId;
        """;

    private const string CurrentLeadSql = """
        SELECT ms.Id FROM Membership ms WHERE ms.TeamId = @TeamId AND ms.Role = 'Lead' AND ms.LeftOn IS NULL AND ms.Id <> @Id;
        """;

    private const string DemoteLeadSql = """
        UPDATE Membership SET Role = 'Deputy' WHERE TeamId = @TeamId AND Role = 'Lead' AND LeftOn IS NULL AND Id <> @Id;
        """;

    private const string UpdateRoleSql = """
        UPDATE Membership SET Role = @Role
        WHERE Id = @Id AND LeftOn IS NULL AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string UpdateLeaveSql = """
        UPDATE Membership SET LeftOn = @LeftOn, LeaveReason = @Reason
        WHERE Id = @Id AND LeftOn IS NULL AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string UpdateContactSql = """
        UPDATE Member SET Name = @Name, Phone = @Phone
        WHERE Id = @Id AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    /// <summary>Adds an existing or a new resident to a team.</summary>
    public Task<CommandResult> AddMemberAsync(Actor actor, int teamId, AddMemberRequest request, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Roster", async w =>
        {
            var team = await w.SingleOrDefaultAsync<TeamRow>(TeamScopeSql, new { TeamId = teamId });
            if (team is null)
            {
                throw await w.DeniedAsync("Roster.AddMember", "Team", teamId, request, TeamMissing);
            }
            if (!RosterRules.CanEdit(actor, new TeamScope(team.Id, team.CommunityId)))
            {
                throw await w.DeniedAsync("Roster.AddMember", "Team", teamId, request);
            }
            if (!RosterRole.All.Contains(request.Role))
            {
                return CommandResult.Fail("请选择角色：队长、副队长或队员。");
            }
            if (DateInput.Check(request.JoinedOn, "入队日期", w.Now.Date) is { } dateError)
            {
                return CommandResult.Fail(dateError);
            }
            if (request.Role == RosterRole.Lead && await w.ScalarAsync<int>(HasLeadSql, new { TeamId = teamId }) > 0)
            {
                return CommandResult.Fail(LeadTaken);
            }

            int memberId;
            string? existingName = null;
            if (request.ExistingMemberId is int existing)
            {
                var member = await w.SingleOrDefaultAsync<MemberRow>(MemberScopeSql, new { MemberId = existing });
                if (member is null || member.CommunityId != team.CommunityId)
                {
                    // Nothing in the UI offers a resident of another community: this id was forged.
                    throw await w.DeniedAsync("Roster.AddMember", "Member", existing, request, MemberMissing);
                }
                if (await w.ScalarAsync<int>(ActiveOnTeamSql, new { TeamId = teamId, MemberId = existing }) > 0)
                {
                    return CommandResult.Fail(OnRoster(member.Name));
                }
                memberId = existing;
                existingName = member.Name;
            }
            else
            {
                if (ResidentRules.CheckName(request.Name, out var name) is { } nameError)
                {
                    return CommandResult.Fail(nameError);
                }
                if (ResidentRules.CheckPhone(request.Phone, out var phone) is { } phoneError)
                {
                    return CommandResult.Fail(phoneError);
                }
                if (request.GridId is not int gridId)
                {
                    return CommandResult.Fail("请选择居民所在网格。");
                }
                if (await w.ScalarAsync<int?>(GridCommunitySql, new { GridId = gridId }) != team.CommunityId)
                {
                    throw await w.DeniedAsync("Roster.AddMember", "Grid", gridId, request, "找不到这个网格。");
                }
                if (phone is not null && !request.ConfirmDuplicate)
                {
                    var duplicate = await w.ScalarAsync<int?>(DuplicateResidentSql, new { team.CommunityId, Name = name, Phone = phone });
                    if (duplicate is int duplicateId)
                    {
                        return CommandResult.Warn($"社区里已有同名同号的居民“{name}”。建议直接添加这位已有居民，以免重复登记。", duplicateId);
                    }
                }
                memberId = await w.InsertAsync(InsertResidentSql, new { GridId = gridId, Name = name, Phone = phone, CreatedAt = w.Now });
            }

            int membershipId;
            try
            {
                membershipId = await w.InsertAsync(InsertMembershipSql,
                    new { TeamId = teamId, MemberId = memberId, request.Role, JoinedOn = request.JoinedOn.Date });
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                // Another user added the same resident (UX_Membership_Active), or a 队长 (UX_Membership_ActiveLead), after
                // the checks above: the index refuses it, and the user gets the message those checks give. A new resident
                // cannot be on the roster yet, so for one it was the 队长.
                if (existingName is not null && (request.Role != RosterRole.Lead || await w.ScalarAsync<int>(HasLeadSql, new { TeamId = teamId }) == 0))
                {
                    return CommandResult.Fail(OnRoster(existingName));
                }
                return CommandResult.Fail(LeadTaken);
            }
            w.Audit("Roster.AddMember", "Membership", membershipId, null,
                new { TeamId = teamId, MemberId = memberId, request.Role, JoinedOn = request.JoinedOn.Date });
            return CommandResult.Success(membershipId);
        }, ct);

    /// <summary>
    /// Changes a member's role. Making someone 队长 turns the current 队长 into 副队长 in the same transaction,
    /// so a team always has exactly one; the 队长 cannot simply be demoted.
    /// </summary>
    public Task<CommandResult> ChangeRoleAsync(Actor actor, int membershipId, string role, long rowVersion, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Roster", async w =>
        {
            var ms = await EditableMembershipAsync(w, membershipId, "Roster.ChangeRole", new { role });
            if (!RosterRole.All.Contains(role))
            {
                return CommandResult.Fail("请选择角色：队长、副队长或队员。");
            }
            if (ms.LeftOn is not null)
            {
                return CommandResult.Fail($"{ms.Name} 已离队，不能修改角色。");
            }
            if (ms.RowVersion != rowVersion)
            {
                return CommandResult.Stale();
            }
            if (ms.Role == role)
            {
                return CommandResult.Success(membershipId);
            }
            if (ms.Role == RosterRole.Lead)
            {
                return CommandResult.Fail("队伍必须保留一名队长。请把另一位成员设为队长，现任队长会自动改为副队长。");
            }
            if (role == RosterRole.Lead)
            {
                // The demoted 队长 is a role change too, and the roster's history lists it with its own audit row.
                if (await w.ScalarAsync<int?>(CurrentLeadSql, new { ms.TeamId, ms.Id }) is int demoted)
                {
                    await w.ExecuteAsync(DemoteLeadSql, new { ms.TeamId, ms.Id });
                    w.Audit("Roster.ChangeRole", "Membership", demoted, new { Role = RosterRole.Lead }, new { Role = RosterRole.Deputy });
                }
            }
            try
            {
                if (await w.ExecuteAsync(UpdateRoleSql, new { Role = role, ms.Id, RowVersion = rowVersion }) == 0)
                {
                    return CommandResult.Stale();
                }
            }
            catch (Exception e) when (UniqueViolation.Is(e))
            {
                // Someone else made another member 队长 at the same moment (UX_Membership_ActiveLead): the roster changed.
                return CommandResult.Stale();
            }
            w.Audit("Roster.ChangeRole", "Membership", membershipId, new { ms.Role }, new { Role = role });
            return CommandResult.Success(membershipId);
        }, ct);

    /// <summary>Records that a member left: the row stays, with a date and a reason, so history is kept.</summary>
    public Task<CommandResult> RecordLeaveAsync(Actor actor, int membershipId, DateTime leftOn, string? reason, long rowVersion, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Roster", async w =>
        {
            var ms = await EditableMembershipAsync(w, membershipId, "Roster.RecordLeave", new { leftOn, reason });
            if (TextInput.Check(reason, MaxLeaveReasonLength, "离队原因", out var why) is { } reasonError)
            {
                return CommandResult.Fail(reasonError);
            }
            if (DateInput.Check(leftOn, "离队日期", w.Now.Date) is { } dateError)
            {
                return CommandResult.Fail(dateError);
            }
            if (leftOn.Date < ms.JoinedOn.Date)
            {
                return CommandResult.Fail($"离队日期不能早于入队日期（{ms.JoinedOn:yyyy-MM-dd}）。");
            }
            if (ms.LeftOn is not null)
            {
                return CommandResult.Fail($"{ms.Name} 已于 {ms.LeftOn:yyyy-MM-dd} 离队。");
            }
            if (ms.RowVersion != rowVersion)
            {
                return CommandResult.Stale();
            }
            if (ms.Role == RosterRole.Lead)
            {
                return CommandResult.Fail("队长离队前，请先把另一位成员设为队长。");
            }
            if (await w.ExecuteAsync(UpdateLeaveSql, new { LeftOn = leftOn.Date, Reason = why, ms.Id, RowVersion = rowVersion }) == 0)
            {
                return CommandResult.Stale();
            }
            w.Audit("Roster.RecordLeave", "Membership", membershipId, new { LeftOn = (DateTime?)null }, new { LeftOn = leftOn.Date, Reason = why });
            return CommandResult.Success(membershipId);
        }, ct);

    /// <summary>Edits a member's name and phone, seen from one team's roster (the lead's scope).</summary>
    public Task<CommandResult> EditContactAsync(Actor actor, int teamId, int memberId, string? name, string? phone, long rowVersion, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, "Roster", async w =>
        {
            var member = await w.SingleOrDefaultAsync<MemberRow>(MemberScopeSql, new { MemberId = memberId });
            var scope = await ResidentQueries.ScopeAsync(w, memberId);
            if (member is null || scope is null)
            {
                throw await w.DeniedAsync("Member.EditContact", "Member", memberId, new { teamId, name, phone }, MemberMissing);
            }
            if (!RosterRules.CanEditContact(actor, scope, teamId))
            {
                throw await w.DeniedAsync("Member.EditContact", "Member", memberId, new { teamId, name, phone });
            }
            if (ResidentRules.CheckName(name, out var cleanName) is { } nameError)
            {
                return CommandResult.Fail(nameError);
            }
            if (ResidentRules.CheckPhone(phone, out var cleanPhone) is { } phoneError)
            {
                return CommandResult.Fail(phoneError);
            }
            if (member.RowVersion != rowVersion)
            {
                return CommandResult.Stale();
            }
            if (await w.ExecuteAsync(UpdateContactSql, new { Name = cleanName, Phone = cleanPhone, member.Id, RowVersion = rowVersion }) == 0)
            {
                return CommandResult.Stale();
            }
            w.Audit("Member.EditContact", "Member", memberId, new { member.Name, member.Phone }, new { Name = cleanName, Phone = cleanPhone });
            return CommandResult.Success(memberId);
        }, ct);

    /// <summary>The longest leave reason (Membership.LeaveReason is NVARCHAR(200)).</summary>
    public const int MaxLeaveReasonLength = 200;

    private const string LeadTaken = "本队已有队长。请先以队员身份加入，再在花名册中把他设为队长。";

    private static string OnRoster(string name) => $"{name} 已在本队花名册中。";

    private const string TeamMissing = "找不到这支队伍。";

    private const string MemberMissing = "找不到这位居民。";

    private const string MembershipMissing = "找不到这条花名册记录。";

    /// <summary>The membership; refuses (after auditing) one that does not exist or that the actor may not edit.</summary>
    private static async Task<MembershipRow> EditableMembershipAsync(WriteScope w, int membershipId, string action, object attempted)
    {
        var ms = await w.SingleOrDefaultAsync<MembershipRow>(MembershipScopeSql, new { MembershipId = membershipId });
        if (ms is null)
        {
            throw await w.DeniedAsync(action, "Membership", membershipId, attempted, MembershipMissing);
        }
        if (!RosterRules.CanEdit(w.Actor, new TeamScope(ms.TeamId, ms.CommunityId)))
        {
            throw await w.DeniedAsync(action, "Membership", membershipId, attempted);
        }
        return ms;
    }

    private sealed record TeamRow
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
        public string Name { get; init; } = "";
    }

    private sealed record MemberRow
    {
        public int Id { get; init; }
        public int CommunityId { get; init; }
        public string Name { get; init; } = "";
        public string? Phone { get; init; }
        public long RowVersion { get; init; }
    }

    private sealed record MembershipRow
    {
        public int Id { get; init; }
        public int TeamId { get; init; }
        public int MemberId { get; init; }
        public string Role { get; init; } = "";
        public DateTime JoinedOn { get; init; }
        public DateTime? LeftOn { get; init; }
        public long RowVersion { get; init; }
        public int CommunityId { get; init; }
        public string Name { get; init; } = "";
    }
}
