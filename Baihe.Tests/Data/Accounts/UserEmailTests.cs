using Baihe.Data.Accounts;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Accounts;

public class UserEmailTests
{
    [Theory]
    [InlineData("zhang.san@example.cn", null)]
    [InlineData("  li@baihe.gov.cn  ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("张三", "邮箱地址格式不正确")]
    [InlineData("a@localhost", "邮箱地址格式不正确")]
    [InlineData("张三 <zhang@example.cn>", "邮箱地址格式不正确")]
    [InlineData("a b@example.cn", "邮箱地址格式不正确")]
    [InlineData("a@b@example.cn", "邮箱地址格式不正确")]
    public void EmailRule_AcceptsABareAddressOrNothing_AndRefusesTheRestInChinese(string? raw, string? problem)
    {
        var error = EmailRule.Problem(raw, out var email);

        if (problem is null)
        {
            Assert.Null(error);
            Assert.Equal(string.IsNullOrWhiteSpace(raw) ? null : raw.Trim(), email);
        }
        else
        {
            Assert.Contains(problem, error);
            Assert.Null(email);
        }
    }

    [Fact]
    public void EmailRule_RefusesAnAddressLongerThanTheColumn()
    {
        var tooLong = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 3)) + ".example.cn";

        Assert.True(tooLong.Length > EmailRule.MaxLength);
        Assert.Contains("不能超过 254", EmailRule.Problem(tooLong, out _));
    }

    [Fact]
    public async Task AUser_SetsTheirOwnEmail_AndAnAdminAnyones_ButNobodyElsesIsRefusedAndAudited()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var commands = new UserCommands(db.Factory, db.Clock);
        var users = new UserQueries(db.Factory);
        var lead = await db.ActorAsync("jinjiejie");
        var other = (await users.FindByUserNameAsync("yinhui"))!;

        Assert.True((await commands.SetEmailAsync(lead, lead.UserId, "jin@example.cn", false)).Ok);
        Assert.True((await commands.SetEmailAsync(await db.ActorAsync("admin"), other.Id, "yin@example.cn", true)).Ok);
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.SetEmailAsync(lead, other.Id, "mine@example.cn", true));
        var bad = await commands.SetEmailAsync(lead, lead.UserId, "不是邮箱", true);

        Assert.Equal(("jin@example.cn", false), ((await users.FindByIdAsync(lead.UserId))!.Email, (await users.FindByIdAsync(lead.UserId))!.EmailNotifications));
        Assert.Equal("yin@example.cn", (await users.FindByIdAsync(other.Id))!.Email);
        Assert.Equal("您无权执行此操作。", refused.Message);
        Assert.False(bad.Ok);
        Assert.Contains("邮箱地址格式不正确", bad.Error);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:User.SetEmail' AND UserName = 'jinjiejie';"));
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'User.SetEmail';"));
    }

    [Fact]
    public async Task ClearingTheEmail_StoresNoAddress()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var commands = new UserCommands(db.Factory, db.Clock);
        var lead = await db.ActorAsync("jinjiejie");
        await commands.SetEmailAsync(lead, lead.UserId, "jin@example.cn", true);

        Assert.True((await commands.SetEmailAsync(lead, lead.UserId, "   ", true)).Ok);

        Assert.Null((await new UserQueries(db.Factory).FindByIdAsync(lead.UserId))!.Email);
    }

    [Fact]
    public async Task AnAccountCreatedWithAnEmail_HasIt_AndABadOneCreatesNoAccount()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var commands = new UserCommands(db.Factory, db.Clock);
        var admin = await db.ActorAsync("admin");

        var created = await commands.CreateAsync(admin, new NewUser("mail-user", "邮件用户", "hash", Roles.Admin, Email: "mail@example.cn"));
        var refused = await commands.CreateAsync(admin, new NewUser("bad-mail", "邮件用户", "hash", Roles.Admin, Email: "mail"));

        Assert.True(created.Ok, created.Error);
        var user = (await new UserQueries(db.Factory).FindByUserNameAsync("mail-user"))!;
        Assert.Equal("mail@example.cn", user.Email);
        Assert.True(user.EmailNotifications);
        Assert.False(refused.Ok);
        Assert.Null(await new UserQueries(db.Factory).FindByUserNameAsync("bad-mail"));
    }
}
