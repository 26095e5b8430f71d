using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baihe.Tests.Dashboard.Services.Auth;

public class AccountsTests
{
    [Fact]
    public async Task Passwords_AreStoredAsPbkdf2Hashes_NeverInPlain()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var conn = await db.Factory.OpenAsync();
        var hashes = (await conn.QueryAsync<string>("SELECT PasswordHash FROM AppUser;")).ToList();

        Assert.Equal(7, hashes.Count);
        Assert.All(hashes, h =>
        {
            Assert.DoesNotContain(DemoAccounts.Password, h);
            Assert.True(SignInService.Verify(h, DemoAccounts.Password));
            Assert.False(SignInService.Verify(h, DemoAccounts.Password + "x"));
        });
        // Salted: the same password never gives the same hash twice.
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Fact]
    public async Task SignIn_LocksAfterFiveFailures_AndUnlocksWhenTheTimeIsUp()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var time = new MutableTime(FixedTimeProvider.Default);
        var clock = new BaiheClock(time);
        var signIn = new SignInService(new UserQueries(db.Factory), new UserCommands(db.Factory, clock), clock, NullLogger<SignInService>.Instance);

        for (var i = 0; i < UserCommands.MaxFailedSignIns; i++)
        {
            Assert.Null(await signIn.CheckAsync("shuji", "wrong"));
        }
        var whileLocked = await signIn.CheckAsync("shuji", DemoAccounts.Password);
        time.Advance(UserCommands.LockoutDuration + TimeSpan.FromSeconds(1));
        var afterwards = await signIn.CheckAsync("shuji", DemoAccounts.Password);

        Assert.Null(whileLocked);
        Assert.NotNull(afterwards);
        Assert.Equal(0, (await new UserQueries(db.Factory).FindByUserNameAsync("shuji"))!.FailedSignIns);
    }

    [Fact]
    public async Task RoleChange_MakesTheOldSessionStale()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var users = new UserQueries(db.Factory);
        var signIn = new SignInService(users, new UserCommands(db.Factory, db.Clock), db.Clock, NullLogger<SignInService>.Instance);
        var lead = (await users.FindByUserNameAsync("yinhui"))!;
        var session = BaiheClaims.Principal(lead, "Cookies");
        Assert.True(await signIn.IsCurrentAsync(session));

        var result = await new UserCommands(db.Factory, db.Clock).ChangeRoleAsync(await db.ActorAsync("admin"), lead, Roles.Secretary, null, 1, null);

        Assert.True(result.Ok, result.Error);
        Assert.False(await signIn.IsCurrentAsync(session));
    }

    [Theory]
    [InlineData(new[] { "user", "add", "--name", "ops-admin", "--role", "admin" }, "a-long-password-1", 0, "已创建账户 ops-admin")]
    [InlineData(new[] { "user", "add", "--name", "ops-admin", "--role", "king" }, "a-long-password-1", 2, "未知角色")]
    [InlineData(new[] { "user", "add", "--role", "admin" }, "a-long-password-1", 2, "缺少 --name")]
    [InlineData(new[] { "user", "add", "--name", "ops-admin", "--role", "admin" }, "short", 1, "密码至少")]
    [InlineData(new[] { "user", "add", "--name", "x", "--role", "admin" }, "a-long-password-1", 1, "用户名为")]
    [InlineData(new[] { "user", "add", "--name", "shuji2", "--role", "secretary" }, "a-long-password-1", 1, "须指定所属社区")]
    [InlineData(new[] { "user", "add", "--name", "ops-admin", "--role", "admin", "--email", "ops@example.cn" }, "a-long-password-1", 0, "已创建账户 ops-admin")]
    [InlineData(new[] { "user", "add", "--name", "ops-admin", "--role", "admin", "--email", "ops" }, "a-long-password-1", 1, "邮箱地址格式不正确")]
    public async Task UserAddCli_CreatesOrRefusesWithAnExitCode(string[] args, string password, int exitCode, string message)
    {
        await using var db = await TestDatabase.SeededAsync();
        var services = new ServiceCollection()
            .AddSingleton(db.Factory).AddSingleton(db.Clock).AddSingleton<UserCommands>().BuildServiceProvider();
        var output = new StringWriter();
        var error = new StringWriter();

        // Typed twice at the prompt (standard input is redirected in the test).
        var code = await UserCli.RunAsync(args, services, new StringReader($"{password}\n{password}\n"), output, error);

        Assert.Equal(exitCode, code);
        Assert.Contains(message, output.ToString() + error.ToString());
        var user = await new UserQueries(db.Factory).FindByUserNameAsync("ops-admin");
        Assert.Equal(exitCode == 0, user is not null);
        if (user is not null)
        {
            Assert.Equal(Roles.Admin, user.Role);
            Assert.True(SignInService.Verify(user.PasswordHash, password));
            Assert.Equal(args.Contains("--email") ? "ops@example.cn" : null, user.Email);
        }
    }

    [Fact]
    public async Task UnknownAccountsAndScopes_AreRefusedWithAClearMessage_AndAudited()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var admin = await db.ActorAsync("admin");
        var commands = new UserCommands(db.Factory, db.Clock);
        var lead = (await new UserQueries(db.Factory).FindByUserNameAsync("jinjiejie"))!;
        var ghost = lead with { Id = 999_999 };

        var cases = new (string Action, string Message, Func<Task<CommandResult>> Call)[]
        {
            ("User.ChangeRole", "找不到这个账户。", () => commands.ChangeRoleAsync(admin, ghost, Roles.Lead, null, null, lead.TeamId)),
            ("User.SetDisabled", "找不到这个账户。", () => commands.SetDisabledAsync(admin, ghost, true)),
            ("User.ChangeRole", "所选的街道、社区或队伍不存在。", () => commands.ChangeRoleAsync(admin, lead, Roles.Lead, null, null, 999_999)),
            ("User.Create", "所选的街道、社区或队伍不存在。", () => commands.CreateAsync(admin,
                new NewUser("ghost-lead", "无队队长", SignInService.Hash("a-long-password-1"), Roles.Lead, TeamId: 999_999))),
        };
        foreach (var (action, message, call) in cases)
        {
            var refusal = await Assert.ThrowsAsync<AccessDeniedException>(call);
            Assert.Equal(message, refusal.Message);
        }

        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:User.ChangeRole' AND UserName = 'admin';"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:User.SetDisabled' AND UserName = 'admin';"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:User.Create' AND UserName = 'admin';"));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AppUser WHERE UserName = 'ghost-lead';"));
        var unchanged = (await new UserQueries(db.Factory).FindByUserNameAsync("jinjiejie"))!;
        Assert.Equal((lead.TeamId, lead.RowVersion, lead.IsDisabled), (unchanged.TeamId, unchanged.RowVersion, unchanged.IsDisabled));
    }

    private sealed class MutableTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
