using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Data.Screens;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Screens;

/// <summary>Display tokens on a real database: only the hash is kept, only administrators make or revoke them, and a revoked token opens nothing.</summary>
public class DisplayTokenTests
{
    private static async Task<int> SubDistrictAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT SubDistrictId FROM Community WHERE Id = 1;");
    }

    private static async Task<int> CountAsync(TestDatabase db, string sql, object? args = null)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>(sql, args);
    }

    private static async Task<(int Id, string Token)> CreateAsync(TestDatabase db, string name = "指挥中心大屏")
    {
        var token = DisplayTokenSecret.NewToken();
        var result = await new DisplayTokenCommands(db.Factory, db.Clock).CreateAsync(await db.ActorAsync("admin"), await SubDistrictAsync(db), name, token);
        Assert.True(result.Ok, result.Error);
        return (result.Id!.Value, token);
    }

    [Fact]
    public async Task Create_StoresTheHashOfTheToken_NeverTheToken_AndTheTokenResolvesToItsSubDistrict()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (id, token) = await CreateAsync(db);

        await using (var conn = await db.Factory.OpenAsync())
        {
            var stored = await conn.QuerySingleAsync<string>("SELECT TokenHash FROM DisplayToken WHERE Id = @id;", new { id });
            Assert.Equal(DisplayTokenSecret.Hash(token), stored);
            Assert.Equal(64, stored.Length);
            Assert.DoesNotContain(token, stored);
            // Nor anywhere in the audit trail.
            var audits = await conn.QueryAsync<string>("SELECT COALESCE(AfterJson, '') FROM AuditLog WHERE EntityType = 'DisplayToken';");
            Assert.All(audits, a => Assert.DoesNotContain(token, a));
        }
        var screen = await new DisplayTokenQueries(db.Factory, db.Clock).ResolveAsync(token);
        Assert.NotNull(screen);
        Assert.Equal(id, screen.TokenId);
        Assert.Equal(await SubDistrictAsync(db), screen.SubDistrictId);
        Assert.Equal("金东街道", screen.SubDistrict);
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Screen.CreateToken' AND EntityId = @id;", new { id = id.ToString() }));
    }

    [Fact]
    public async Task Revoke_MakesTheTokenResolveToNothing_AndARevokeTwice_RevokesOnce()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (id, token) = await CreateAsync(db);
        var commands = new DisplayTokenCommands(db.Factory, db.Clock);
        var admin = await db.ActorAsync("admin");
        var versionBefore = await CountAsync(db, "SELECT Version FROM ChangeVersion WHERE Area = 'Screens';");

        var first = await commands.RevokeAsync(admin, id);
        var second = await commands.RevokeAsync(admin, id);

        Assert.True(first.Ok, first.Error);
        Assert.False(second.Ok);
        Assert.Equal(DisplayTokenCommands.AlreadyRevoked, second.Error);
        Assert.Null(await new DisplayTokenQueries(db.Factory, db.Clock).ResolveAsync(token));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Screen.RevokeToken';"));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM DisplayToken WHERE Id = @id AND RevokedAt IS NOT NULL AND RevokedBy = @by;", new { id, by = admin.UserId }));
        Assert.Equal(versionBefore + 1, await CountAsync(db, "SELECT Version FROM ChangeVersion WHERE Area = 'Screens';"));
    }

    [Fact]
    public async Task ConcurrentRevokes_OfOneToken_RevokeItOnce()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (id, _) = await CreateAsync(db);
        var commands = new DisplayTokenCommands(db.Factory, db.Clock);
        var admin = await db.ActorAsync("admin");

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => commands.RevokeAsync(admin, id))));

        Assert.Equal(1, results.Count(r => r.Ok));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Screen.RevokeToken';"));
    }

    [Theory]
    [InlineData("jiedao")]
    [InlineData("shuji")]
    [InlineData("jinjiejie")]
    public async Task ANonAdministrator_IsRefusedBothWrites_AndTheRefusalsAreAudited(string userName)
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (id, token) = await CreateAsync(db);
        var commands = new DisplayTokenCommands(db.Factory, db.Clock);
        var actor = await db.ActorAsync(userName);

        await Assert.ThrowsAsync<AccessDeniedException>(() => commands.CreateAsync(actor, 1, "偷偷的大屏", DisplayTokenSecret.NewToken()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => commands.RevokeAsync(actor, id));

        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM DisplayToken;"));
        Assert.NotNull(await new DisplayTokenQueries(db.Factory, db.Clock).ResolveAsync(token));
        Assert.Equal(2, await CountAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action IN ('Denied:Screen.CreateToken', 'Denied:Screen.RevokeToken') AND UserName = @userName;", new { userName }));
    }

    [Fact]
    public async Task AnUnknownTokenId_OrSubDistrict_IsRefusedWithAMessage_AndAudited()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var commands = new DisplayTokenCommands(db.Factory, db.Clock);
        var admin = await db.ActorAsync("admin");

        var revoke = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.RevokeAsync(admin, 9999));
        var create = await Assert.ThrowsAsync<AccessDeniedException>(() => commands.CreateAsync(admin, 9999, "大屏", DisplayTokenSecret.NewToken()));

        Assert.Equal("找不到这个显示令牌。", revoke.Message);
        Assert.Equal("找不到所选的街道。", create.Message);
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM DisplayToken;"));
        Assert.Equal(2, await CountAsync(db, "SELECT COUNT(*) FROM AuditLog WHERE Action LIKE 'Denied:Screen.%' AND UserName = 'admin';"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一")]
    public async Task ABlankOrOverlongName_IsAFormToFinish_AndNothingIsWritten(string name)
    {
        await using var db = await TestDatabase.WithAccountsAsync();

        var result = await new DisplayTokenCommands(db.Factory, db.Clock).CreateAsync(await db.ActorAsync("admin"), await SubDistrictAsync(db), name, DisplayTokenSecret.NewToken());

        Assert.False(result.Ok);
        Assert.Contains("大屏名称", result.Error);
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM DisplayToken;"));
    }

    [Fact]
    public async Task AChosenShortToken_IsRefused()
    {
        await using var db = await TestDatabase.WithAccountsAsync();

        var result = await new DisplayTokenCommands(db.Factory, db.Clock).CreateAsync(await db.ActorAsync("admin"), await SubDistrictAsync(db), "大屏", "abc");

        Assert.False(result.Ok);
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM DisplayToken;"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Resolve_OfAMissingMalformedOrUnknownToken_IsNull(string? token)
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await CreateAsync(db);

        Assert.Null(await new DisplayTokenQueries(db.Factory, db.Clock).ResolveAsync(token));
    }

    [Fact]
    public async Task Resolve_MarksTheTokenSeen_AtMostOnceAMinute()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (id, token) = await CreateAsync(db);
        var start = FixedTimeProvider.Default;
        DisplayTokenQueries At(TimeSpan later) => new(db.Factory, new BaiheClock(new FixedTimeProvider(start + later)));
        async Task<DateTime?> SeenAsync()
        {
            await using var conn = await db.Factory.OpenAsync();
            return await conn.QuerySingleAsync<DateTime?>("SELECT LastSeenAt FROM DisplayToken WHERE Id = @id;", new { id });
        }
        Assert.Null(await SeenAsync());

        await At(TimeSpan.Zero).ResolveAsync(token);
        var first = await SeenAsync();
        await At(TimeSpan.FromSeconds(30)).ResolveAsync(token);
        var halfAMinuteLater = await SeenAsync();
        await At(TimeSpan.FromSeconds(61)).ResolveAsync(token);
        var aMinuteLater = await SeenAsync();

        Assert.Equal(db.Clock.Now, first);
        Assert.Equal(first, halfAMinuteLater);
        Assert.Equal(db.Clock.Now.AddSeconds(61), aMinuteLater);
    }

    [Fact]
    public void NewTokens_AreWellFormed_AndDifferent()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => DisplayTokenSecret.NewToken()).ToList();

        Assert.All(tokens, t => Assert.True(DisplayTokenSecret.IsWellFormed(t), t));
        Assert.Equal(100, tokens.Distinct().Count());
    }

    [Fact]
    public void OnlyASignedInAdministrator_ManagesTokens()
    {
        Assert.True(ScreenRules.CanManageTokens(new Actor(7, "admin", Roles.Admin, null, null, null)));
        Assert.False(ScreenRules.CanManageTokens(new Actor(0, "cli", Roles.Admin, null, null, null)));
        Assert.False(ScreenRules.CanManageTokens(new Actor(8, "jiedao", Roles.Official, 1, null, null)));
        Assert.False(ScreenRules.CanManageTokens(new Actor(9, "shuji", Roles.Secretary, null, 1, null)));
    }
}
