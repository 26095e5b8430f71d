using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baihe.Tests.Dashboard.Auth;

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
        }
    }

    private sealed class MutableTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
