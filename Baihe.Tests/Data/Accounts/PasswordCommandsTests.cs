using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Accounts;

/// <summary>Resets, own changes and ending sessions: who may, what is written, and that refusals leave an audit row.</summary>
public class PasswordCommandsTests
{
    private static async Task<int> AuditsAsync(TestDatabase db, string action, string userName)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = @action AND UserName = @userName;", new { action, userName });
    }

    [Fact]
    public async Task ResetPassword_ByANonAdmin_IsRefusedAuditedAndChangesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var users = new UserQueries(db.Factory);
        var before = (await users.FindByUserNameAsync("yinhui"))!;
        var secretary = await db.ActorAsync("shuji");

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            new UserCommands(db.Factory, db.Clock).ResetPasswordAsync(secretary, before.Id, SignInService.Hash("someone-elses-pw")));

        var after = (await users.FindByUserNameAsync("yinhui"))!;
        Assert.Equal(before.PasswordHash, after.PasswordHash);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.False(after.MustChangePassword);
        Assert.Equal(1, await AuditsAsync(db, "Denied:User.ResetPassword", "shuji"));
    }

    [Fact]
    public async Task ResetPassword_OfTheAdminsOwnAccount_IsRefused_TheyChangeItWithTheOldOne()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var admin = await db.ActorAsync("admin");

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            new UserCommands(db.Factory, db.Clock).ResetPasswordAsync(admin, admin.UserId, SignInService.Hash("taken-over-pw")));

        Assert.Equal(1, await AuditsAsync(db, "Denied:User.ResetPassword", "admin"));
    }

    [Fact]
    public async Task EndSessions_OfAnotherAccount_ByANonAdmin_IsRefusedAuditedAndKeepsTheirStamp()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var users = new UserQueries(db.Factory);
        var before = (await users.FindByUserNameAsync("yinhui"))!;
        var lead = await db.ActorAsync("jinjiejie");

        await Assert.ThrowsAsync<AccessDeniedException>(() => new UserCommands(db.Factory, db.Clock).EndSessionsAsync(lead, before.Id));

        Assert.Equal(before.SecurityStamp, (await users.FindByUserNameAsync("yinhui"))!.SecurityStamp);
        Assert.Equal(1, await AuditsAsync(db, "Denied:User.EndSessions", "jinjiejie"));
    }

    [Fact]
    public async Task ResetPassword_ByAnAdmin_SetsATemporaryPasswordThatMustBeChanged_AndEndsTheirSessions()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var users = new UserQueries(db.Factory);
        var before = (await users.FindByUserNameAsync("yinhui"))!;
        var changer = new PasswordChanger(new UserCommands(db.Factory, db.Clock), users);

        var (error, temporary) = await changer.ResetAsync(await db.ActorAsync("admin"), before.Id);

        Assert.Null(error);
        Assert.Null(PasswordRule.Problem(temporary));
        var after = (await users.FindByUserNameAsync("yinhui"))!;
        Assert.True(after.MustChangePassword);
        Assert.True(SignInService.Verify(after.PasswordHash, temporary!));
        Assert.False(SignInService.Verify(after.PasswordHash, DemoAccounts.Password));
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(1, await AuditsAsync(db, "User.ResetPassword", "admin"));
        await using var conn = await db.Factory.OpenAsync();
        var audited = await conn.QueryAsync<string>("SELECT COALESCE(BeforeJson, '') || COALESCE(AfterJson, '') FROM AuditLog WHERE Action = 'User.ResetPassword';");
        Assert.DoesNotContain(audited, a => a.Contains(temporary!, StringComparison.Ordinal) || a.Contains("AQAAAA", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wrong-password", "new-password-1", "new-password-1", UserCommands.WrongOldPassword)]
    [InlineData(DemoAccounts.Password, "short", "short", "新密码至少 10 位。")]
    [InlineData(DemoAccounts.Password, "new-password-1", "new-password-2", "两次输入的新密码不一致。")]
    [InlineData(DemoAccounts.Password, DemoAccounts.Password, DemoAccounts.Password, "新密码不能与原密码相同。")]
    [InlineData(DemoAccounts.Password, "", "", "请输入新密码。")]
    public async Task ChangeOwnPassword_IsRefusedInChinese_AndNothingChanges(string old, string fresh, string repeated, string message)
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var users = new UserQueries(db.Factory);
        var before = (await users.FindByUserNameAsync("shuji"))!;
        var changer = new PasswordChanger(new UserCommands(db.Factory, db.Clock), users);

        var (error, user) = await changer.ChangeOwnAsync(await db.ActorAsync("shuji"), old, fresh, repeated);

        Assert.Equal(message, error);
        Assert.Null(user);
        var after = (await users.FindByUserNameAsync("shuji"))!;
        Assert.Equal(before.PasswordHash, after.PasswordHash);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
    }

    [Fact]
    public async Task ChangeOwnPassword_WithAWrongOldPassword_IsAuditedAsARefusal()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var changer = new PasswordChanger(new UserCommands(db.Factory, db.Clock), new UserQueries(db.Factory));

        await changer.ChangeOwnAsync(await db.ActorAsync("shuji"), "wrong-password", "new-password-1", "new-password-1");

        Assert.Equal(1, await AuditsAsync(db, "Denied:User.ChangePassword", "shuji"));
    }

    [Fact]
    public async Task WrongOldPasswords_CountAsFailedSignIns_AndTheFifthLocksTheAccountAndEndsItsSessions()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var users = new UserQueries(db.Factory);
        var changer = new PasswordChanger(new UserCommands(db.Factory, db.Clock), users);
        var before = (await users.FindByUserNameAsync("shuji"))!;
        var actor = await db.ActorAsync("shuji");

        for (var i = 1; i < UserCommands.MaxFailedSignIns; i++)
        {
            Assert.Equal(UserCommands.WrongOldPassword, (await changer.ChangeOwnAsync(actor, $"guess-{i}", "new-password-1", "new-password-1")).Error);
        }
        var fourth = (await users.FindByUserNameAsync("shuji"))!;
        Assert.Equal(UserCommands.MaxFailedSignIns - 1, fourth.FailedSignIns);
        Assert.Null(fourth.LockedUntil);
        Assert.Equal(before.SecurityStamp, fourth.SecurityStamp);

        var (error, user) = await changer.ChangeOwnAsync(actor, "guess-5", "new-password-1", "new-password-1");

        Assert.Equal(UserCommands.LockedByGuesses, error);
        Assert.Null(user);
        var after = (await users.FindByUserNameAsync("shuji"))!;
        Assert.Equal(db.Clock.Now + UserCommands.LockoutDuration, after.LockedUntil);
        // A new stamp: the session that guessed (and every other) is refused at its next request.
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(before.PasswordHash, after.PasswordHash);
        Assert.Equal(UserCommands.MaxFailedSignIns, await AuditsAsync(db, "Denied:User.ChangePassword", "shuji"));
        Assert.Equal(1, await AuditsAsync(db, "User.Lock", "shuji"));
    }

    [Fact]
    public async Task ChangeOwnPassword_Succeeds_ClearsTheMustChangeFlag_AndReturnsTheNewStamp()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var users = new UserQueries(db.Factory);
        var commands = new UserCommands(db.Factory, db.Clock);
        var changer = new PasswordChanger(commands, users);
        var lead = (await users.FindByUserNameAsync("yinhui"))!;
        var (_, temporary) = await changer.ResetAsync(await db.ActorAsync("admin"), lead.Id);
        var reset = (await users.FindByUserNameAsync("yinhui"))!;

        var (error, user) = await changer.ChangeOwnAsync(await db.ActorAsync("yinhui"), temporary, "yinhui-own-password", "yinhui-own-password");

        Assert.Null(error);
        Assert.NotNull(user);
        Assert.False(user.MustChangePassword);
        Assert.NotEqual(reset.SecurityStamp, user.SecurityStamp);
        Assert.True(SignInService.Verify(user.PasswordHash, "yinhui-own-password"));
        Assert.Equal(1, await AuditsAsync(db, "User.ChangePassword", "yinhui"));
    }

    [Theory]
    [InlineData(null, "请输入密码。")]
    [InlineData("123456789", "密码至少 10 位。")]
    [InlineData("          ", "密码不能全是空格。")]
    [InlineData("0123456789", null)]
    public void PasswordRule_AnswersTheSameForEveryCaller(string? password, string? problem) =>
        Assert.Equal(problem, PasswordRule.Problem(password));

    [Fact]
    public void PasswordRule_RefusesAPasswordLongerThanTheLimit() =>
        Assert.NotNull(PasswordRule.Problem(new string('x', PasswordRule.MaxLength + 1)));
}
