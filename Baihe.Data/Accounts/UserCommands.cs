using System.Text.RegularExpressions;
using Baihe.Data.Database;
using Dapper;

namespace Baihe.Data.Accounts;

/// <summary>Creates accounts, changes roles, disables, ends sessions, and keeps the sign-in failure counter.</summary>
public sealed partial class UserCommands(DbConnectionFactory db, BaiheClock clock)
{
    /// <summary>
    /// The change-feed area moved by every write that ends an account's sessions (disabling, a role change, signing
    /// out): open circuits re-check their user as soon as it moves instead of at their next periodic check.
    /// </summary>
    public const string Area = "Accounts";

    /// <summary>Failed sign-ins in a row before the account locks.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private const string InsertSql = """
        INSERT INTO AppUser (UserName, DisplayName, PasswordHash, Role, SubDistrictId, CommunityId, TeamId, IsDemo, SecurityStamp, CreatedAt, Email)
        VALUES (@UserName, @DisplayName, @PasswordHash, @Role, @SubDistrictId, @CommunityId, @TeamId, @IsDemo, @SecurityStamp, @CreatedAt, @Email);
        """;

    private const string UserExistsSql = "SELECT COUNT(*) FROM AppUser WHERE Id = @Id;";

    private const string UserNameTakenSql = "SELECT COUNT(*) FROM AppUser WHERE UserName = @UserName;";

    private const string ScopeExistsSql = """
        SELECT (SELECT COUNT(*) FROM SubDistrict WHERE Id = @SubDistrictId)
             + (SELECT COUNT(*) FROM Community WHERE Id = @CommunityId)
             + (SELECT COUNT(*) FROM Team WHERE Id = @TeamId);
        """;

    private const string RecordFailureSql = """
        UPDATE AppUser
        SET FailedSignIns = FailedSignIns + 1,
            LockedUntil = CASE WHEN FailedSignIns + 1 >= @Max THEN @LockedUntil ELSE LockedUntil END
        WHERE Id = @Id;
        """;

    // A wrong old password on the password page counts with the wrong sign-ins; the guess that locks the account also
    // gives it a new stamp, which ends the session that was guessing (and every other).
    private const string RecordPasswordGuessSql = """
        UPDATE AppUser
        SET FailedSignIns = FailedSignIns + 1,
            LockedUntil = CASE WHEN FailedSignIns + 1 >= @Max THEN @LockedUntil ELSE LockedUntil END,
            SecurityStamp = CASE WHEN FailedSignIns + 1 >= @Max THEN @SecurityStamp ELSE SecurityStamp END
        WHERE Id = @Id;
        """;

    private const string FailedSignInsSql = "SELECT FailedSignIns FROM AppUser WHERE Id = @Id;";

    private const string RecordSuccessSql = "UPDATE AppUser SET FailedSignIns = 0, LockedUntil = NULL WHERE Id = @Id;";

    private const string UpdateRoleSql = """
        UPDATE AppUser SET Role = @Role, SubDistrictId = @SubDistrictId, CommunityId = @CommunityId, TeamId = @TeamId,
                           SecurityStamp = @SecurityStamp
        WHERE Id = @Id AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    private const string RecordSignInSql = """
        UPDATE AppUser SET FailedSignIns = 0, LockedUntil = NULL, LastSignInAt = @Now, LastSignInIp = @Ip
        WHERE Id = @Id;
        """;

    private const string PasswordHashSql = "SELECT PasswordHash FROM AppUser WHERE Id = @Id;";

    // A reset also lifts a lockout: the administrator has just handed the user a password that works.
    private const string ResetPasswordSql = """
        UPDATE AppUser SET PasswordHash = @PasswordHash, MustChangePassword = 1, SecurityStamp = @SecurityStamp,
                           FailedSignIns = 0, LockedUntil = NULL
        WHERE Id = @Id;
        """;

    // The old hash in the WHERE: a change that raced another change or a reset finds no row and is stale.
    private const string ChangePasswordSql = """
        UPDATE AppUser SET PasswordHash = @PasswordHash, MustChangePassword = 0, SecurityStamp = @SecurityStamp
        WHERE Id = @Id AND PasswordHash = @OldHash;
        """;

    private const string EmailSql = "SELECT Email, EmailNotifications FROM AppUser WHERE Id = @Id;";

    private const string SetEmailSql = "UPDATE AppUser SET Email = @Email, EmailNotifications = @EmailNotifications WHERE Id = @Id;";

    private const string RotateStampSql = "UPDATE AppUser SET SecurityStamp = @SecurityStamp WHERE Id = @Id;";

    private const string UpdateDisabledSql = """
        UPDATE AppUser SET IsDisabled = @IsDisabled, SecurityStamp = @SecurityStamp
        WHERE Id = @Id AND CAST(RowVersion AS BIGINT) = @RowVersion;
        """;

    /// <summary>Creates an account after checking the name, role and scope.</summary>
    public Task<CommandResult> CreateAsync(Actor actor, NewUser user, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            var attempted = new { user.UserName, user.Role };
            if (!AccountRules.CanManageAccounts(actor))
            {
                throw await w.DeniedAsync("User.Create", "AppUser", null, attempted);
            }
            var userName = user.UserName.Trim().ToLowerInvariant();
            if (!UserNamePattern().IsMatch(userName))
            {
                return CommandResult.Fail("用户名为 3–50 位小写字母、数字、点、下划线或连字符。");
            }
            var displayName = user.DisplayName.Trim();
            if (displayName.Length is 0 or > 20 || displayName.Any(char.IsControl))
            {
                return CommandResult.Fail("请填写显示名称（不超过 20 个字）。");
            }
            if (ScopeError(user.Role, user.SubDistrictId, user.CommunityId, user.TeamId) is { } scopeError)
            {
                return CommandResult.Fail(scopeError);
            }
            if (EmailRule.Problem(user.Email, out var email) is { } emailError)
            {
                return CommandResult.Fail(emailError);
            }
            if (await w.ScalarAsync<int>(UserNameTakenSql, new { UserName = userName }) > 0)
            {
                return CommandResult.Fail("用户名已存在。");
            }
            if (!await ScopeExistsAsync(w, user.Role, user.SubDistrictId, user.CommunityId, user.TeamId))
            {
                throw await w.DeniedAsync("User.Create", "AppUser", null, attempted, ScopeMissing);
            }
            var id = await w.InsertAsync(InsertSql, new
            {
                UserName = userName, DisplayName = displayName, user.PasswordHash, user.Role,
                user.SubDistrictId, user.CommunityId, user.TeamId, user.IsDemo,
                SecurityStamp = NewStamp(), CreatedAt = w.Now, Email = email,
            });
            w.Audit("User.Create", "AppUser", id, null, new { UserName = userName, user.Role, user.SubDistrictId, user.CommunityId, user.TeamId, Email = email });
            return CommandResult.Success(id);
        }, ct);

    /// <summary>Changes a user's role and scope; the new security stamp signs out their open circuits.</summary>
    public Task<CommandResult> ChangeRoleAsync(Actor actor, UserRow user, string role, int? subDistrictId, int? communityId, int? teamId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, Area, async w =>
        {
            var attempted = new { role, subDistrictId, communityId, teamId };
            if (!AccountRules.CanManageAccounts(actor))
            {
                throw await w.DeniedAsync("User.ChangeRole", "AppUser", user.Id, attempted);
            }
            await KnownUserAsync(w, user.Id, "User.ChangeRole", attempted);
            if (ScopeError(role, subDistrictId, communityId, teamId) is { } scopeError)
            {
                return CommandResult.Fail(scopeError);
            }
            if (!await ScopeExistsAsync(w, role, subDistrictId, communityId, teamId))
            {
                throw await w.DeniedAsync("User.ChangeRole", "AppUser", user.Id, attempted, ScopeMissing);
            }
            var changed = await w.ExecuteAsync(UpdateRoleSql, new
            {
                Role = role, SubDistrictId = subDistrictId, CommunityId = communityId, TeamId = teamId,
                SecurityStamp = NewStamp(), user.Id, user.RowVersion,
            });
            if (changed == 0)
            {
                return CommandResult.Stale();
            }
            w.Audit("User.ChangeRole", "AppUser", user.Id,
                new { user.Role, user.SubDistrictId, user.CommunityId, user.TeamId },
                new { Role = role, SubDistrictId = subDistrictId, CommunityId = communityId, TeamId = teamId });
            return CommandResult.Success(user.Id);
        }, ct);

    /// <summary>
    /// Disables or re-enables an account. The new stamp refuses a disabled account's next write at once, and the bumped
    /// <see cref="Area"/> closes its open pages within seconds.
    /// </summary>
    public Task<CommandResult> SetDisabledAsync(Actor actor, UserRow user, bool disabled, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, Area, async w =>
        {
            if (!AccountRules.CanManageAccounts(actor))
            {
                throw await w.DeniedAsync("User.SetDisabled", "AppUser", user.Id, new { disabled });
            }
            await KnownUserAsync(w, user.Id, "User.SetDisabled", new { disabled });
            if (user.Id == actor.UserId && disabled)
            {
                return CommandResult.Fail("不能停用自己的账户。");
            }
            var changed = await w.ExecuteAsync(UpdateDisabledSql, new { IsDisabled = disabled, SecurityStamp = NewStamp(), user.Id, user.RowVersion });
            if (changed == 0)
            {
                return CommandResult.Stale();
            }
            w.Audit(disabled ? "User.Disable" : "User.Enable", "AppUser", user.Id, new { user.IsDisabled }, new { IsDisabled = disabled });
            return CommandResult.Success(user.Id);
        }, ct);

    /// <summary>
    /// Ends every session of an account, wherever its cookie is (signing out, or an administrator's 结束所有会话): the
    /// security stamp every request, circuit and write is checked against is replaced, so any copy of the old cookie
    /// is refused from now on. A user may end their own sessions, an administrator anyone's.
    /// </summary>
    public Task<CommandResult> EndSessionsAsync(Actor actor, int userId, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, Area, async w =>
        {
            if (!AccountRules.CanEndSessions(actor, userId))
            {
                throw await w.DeniedAsync("User.EndSessions", "AppUser", userId, null);
            }
            await KnownUserAsync(w, userId, "User.EndSessions", new { userId });
            await w.ExecuteAsync(RotateStampSql, new { SecurityStamp = NewStamp(), Id = userId });
            w.Audit("User.EndSessions", "AppUser", userId, null, null);
            return CommandResult.Success(userId);
        }, ct);

    /// <summary>
    /// An administrator sets a temporary password (already hashed; the caller shows it once and keeps it nowhere).
    /// The account must choose its own at its next sign-in, and every session it has ends now, wherever it is.
    /// Audited without the hash.
    /// </summary>
    public Task<CommandResult> ResetPasswordAsync(Actor actor, int userId, string temporaryPasswordHash, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, Area, async w =>
        {
            if (!AccountRules.CanResetPassword(actor, userId))
            {
                throw await w.DeniedAsync("User.ResetPassword", "AppUser", userId, null);
            }
            await KnownUserAsync(w, userId, "User.ResetPassword", new { userId });
            await w.ExecuteAsync(ResetPasswordSql, new { PasswordHash = temporaryPasswordHash, SecurityStamp = NewStamp(), Id = userId });
            w.Audit("User.ResetPassword", "AppUser", userId, null, new { MustChangePassword = true });
            return CommandResult.Success(userId);
        }, ct);

    /// <summary>
    /// The signed-in user replaces their own password. <paramref name="oldPasswordMatches"/> is asked about the hash read
    /// inside this transaction (hashing lives with the sign-in code); a wrong old password is refused and audited, since
    /// from a borrowed session it is someone guessing. The new stamp ends the account's other sessions; the caller
    /// re-issues its own cookie with the new stamp, read back after success.
    /// </summary>
    public Task<CommandResult> ChangeOwnPasswordAsync(Actor actor, Func<string, bool> oldPasswordMatches, string newPasswordHash, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, Area, async w =>
        {
            if (!AccountRules.CanChangePassword(actor, actor.UserId))
            {
                throw await w.DeniedAsync("User.ChangePassword", "AppUser", actor.UserId, null);
            }
            var oldHash = await w.SingleOrDefaultAsync<string>(PasswordHashSql, new { Id = actor.UserId });
            if (oldHash is null)
            {
                throw await w.DeniedAsync("User.ChangePassword", "AppUser", actor.UserId, null, "找不到这个账户。");
            }
            if (!oldPasswordMatches(oldHash))
            {
                throw await w.DeniedAsync("User.ChangePassword", "AppUser", actor.UserId, null, WrongOldPassword);
            }
            var changed = await w.ExecuteAsync(ChangePasswordSql, new { PasswordHash = newPasswordHash, SecurityStamp = NewStamp(), Id = actor.UserId, OldHash = oldHash });
            if (changed == 0)
            {
                return CommandResult.Stale();
            }
            w.Audit("User.ChangePassword", "AppUser", actor.UserId, null, new { MustChangePassword = false });
            return CommandResult.Success(actor.UserId);
        }, ct);

    /// <summary>
    /// Counts a wrong old password given on the password page as a failed sign-in: from a borrowed session it is someone
    /// guessing. The <see cref="MaxFailedSignIns"/>th in a row locks the account for <see cref="LockoutDuration"/> and
    /// ends all its sessions, this one included, and is audited. Returns whether the account is now locked.
    /// </summary>
    public async Task<bool> RecordPasswordGuessAsync(Actor actor, CancellationToken ct = default)
    {
        var locked = false;
        await WriteTransaction.RunAsync(db, clock, actor, Area, async w =>
        {
            var until = clock.Now + LockoutDuration;
            await w.ExecuteAsync(RecordPasswordGuessSql, new { Id = actor.UserId, Max = MaxFailedSignIns, LockedUntil = until, SecurityStamp = NewStamp() });
            // Read in the same transaction: the count this guess made, not one a concurrent guess made after it.
            locked = await w.ScalarAsync<int>(FailedSignInsSql, new { Id = actor.UserId }) == MaxFailedSignIns;
            if (locked)
            {
                w.Audit("User.Lock", "AppUser", actor.UserId, null, new { LockedUntil = until, Reason = "WrongOldPassword" });
            }
            return CommandResult.Success(actor.UserId);
        }, ct);
        return locked;
    }

    /// <summary>What the guess that locks the account is told; the next page it opens is the sign-in.</summary>
    public static readonly string LockedByGuesses = $"原密码连续输错 {MaxFailedSignIns} 次，账户已锁定 {LockoutDuration.TotalMinutes:0} 分钟，所有登录均已退出，请稍后重新登录。";

    /// <summary>
    /// Sets where an account receives notification email (null or empty: none) and its 同时发送邮件 switch, for the
    /// account itself or by an administrator (<see cref="AccountRules.CanSetEmail"/>). Messages already queued keep the
    /// address they were queued with.
    /// </summary>
    public Task<CommandResult> SetEmailAsync(Actor actor, int userId, string? email, bool emailNotifications, CancellationToken ct = default) =>
        WriteTransaction.RunAsync(db, clock, actor, null, async w =>
        {
            if (!AccountRules.CanSetEmail(actor, userId))
            {
                throw await w.DeniedAsync("User.SetEmail", "AppUser", userId, null);
            }
            var before = await w.SingleOrDefaultAsync<UserEmail>(EmailSql, new { Id = userId });
            if (before is null)
            {
                throw await w.DeniedAsync("User.SetEmail", "AppUser", userId, null, "找不到这个账户。");
            }
            if (EmailRule.Problem(email, out var address) is { } problem)
            {
                return CommandResult.Fail(problem);
            }
            await w.ExecuteAsync(SetEmailSql, new { Email = address, EmailNotifications = emailNotifications, Id = userId });
            w.Audit("User.SetEmail", "AppUser", userId, new { before.Email, before.EmailNotifications }, new { Email = address, EmailNotifications = emailNotifications });
            return CommandResult.Success(userId);
        }, ct);

    /// <summary>What a wrong old password is told.</summary>
    public const string WrongOldPassword = "原密码不正确。";

    private const string ScopeMissing = "所选的街道、社区或队伍不存在。";

    /// <summary>Refuses (after auditing) an account id that does not exist.</summary>
    private static async Task KnownUserAsync(WriteScope w, int userId, string action, object attempted)
    {
        if (await w.ScalarAsync<int>(UserExistsSql, new { Id = userId }) == 0)
        {
            throw await w.DeniedAsync(action, "AppUser", userId, attempted, "找不到这个账户。");
        }
    }

    /// <summary>Whether the one scope a role names exists (an administrator names none).</summary>
    private static async Task<bool> ScopeExistsAsync(WriteScope w, string role, int? subDistrictId, int? communityId, int? teamId) =>
        role == Roles.Admin
        || await w.ScalarAsync<int>(ScopeExistsSql, new { SubDistrictId = subDistrictId, CommunityId = communityId, TeamId = teamId }) == 1;

    /// <summary>Counts a failed sign-in; the fifth in a row locks the account for <see cref="LockoutDuration"/>.</summary>
    public async Task RecordFailureAsync(int userId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(RecordFailureSql,
            new { Id = userId, Max = MaxFailedSignIns, LockedUntil = clock.Now + LockoutDuration }, cancellationToken: ct));
    }

    /// <summary>Clears the failure counter after a good sign-in.</summary>
    public async Task RecordSuccessAsync(int userId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(RecordSuccessSql, new { Id = userId }, cancellationToken: ct));
    }

    /// <summary>Clears the failure counter and records when and from which address the account signed in.</summary>
    public async Task RecordSignInAsync(int userId, string? ip, CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(RecordSignInSql,
            new { Id = userId, Now = clock.Now, Ip = ip is { Length: > 45 } ? ip[..45] : ip }, cancellationToken: ct));
    }

    /// <summary>The scope a role needs: an official a sub-district, a secretary a community, a lead a team.</summary>
    public static string? ScopeError(string role, int? subDistrictId, int? communityId, int? teamId) => role switch
    {
        Roles.Official when subDistrictId is null || communityId is not null || teamId is not null => "街道干部须指定所属街道。",
        Roles.Secretary when communityId is null || subDistrictId is not null || teamId is not null => "社区书记须指定所属社区。",
        Roles.Lead when teamId is null || subDistrictId is not null || communityId is not null => "队长须指定所带队伍。",
        Roles.Admin when subDistrictId is not null || communityId is not null || teamId is not null => "管理员不限定范围。",
        Roles.Official or Roles.Secretary or Roles.Lead or Roles.Admin => null,
        _ => "未知角色。",
    };

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    [GeneratedRegex("^[a-z0-9._-]{3,50}$")]
    private static partial Regex UserNamePattern();
}
