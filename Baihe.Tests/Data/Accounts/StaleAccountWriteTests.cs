using Baihe.Data.Accounts;
using Baihe.Data.Points;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Accounts;

/// <summary>The next write of an account that was disabled or signed out is refused, whatever the page still shows.</summary>
public class StaleAccountWriteTests
{
    private static async Task<int> MemberOfAsync(TestDatabase db, string teamName)
    {
        var teams = new TeamQueries(db.Factory);
        var team = (await teams.ListAsync(1)).Single(t => t.Name == teamName).Id;
        return (await teams.DetailAsync(team))!.Roster.First().MemberId;
    }

    private static async Task<(int Entries, int Refusals)> CountsAsync(TestDatabase db, string userName)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;"),
                await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action LIKE 'Denied:%' AND UserName = @userName;", new { userName }));
    }

    [Fact]
    public async Task ALeadDisabledByAnAdmin_IsRefusedOnTheNextWrite_AndNothingIsWritten()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var lead = await db.ActorAsync("jinjiejie");
        var admin = await db.ActorAsync("admin");
        var member = await MemberOfAsync(db, "金姐姐");
        var ledger = new LedgerCommands(db.Factory, db.Clock);
        var user = (await new UserQueries(db.Factory).FindByUserNameAsync("jinjiejie"))!;
        Assert.True((await new UserCommands(db.Factory, db.Clock).SetDisabledAsync(admin, user, true)).Ok);
        var before = await CountsAsync(db, "jinjiejie");

        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => ledger.RecordServiceAsync(lead, member, 3, db.Clock.Today, "停用后"));

        Assert.Contains("重新登录", refusal.Message);
        var after = await CountsAsync(db, "jinjiejie");
        Assert.Equal(before.Entries, after.Entries);
        Assert.Equal(before.Refusals + 1, after.Refusals);
    }

    [Fact]
    public async Task AnActorWhoseSessionsWereEnded_IsRefusedOnTheNextWrite_ButSignsInAgainAndWrites()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var lead = await db.ActorAsync("jinjiejie");
        var member = await MemberOfAsync(db, "金姐姐");
        var ledger = new LedgerCommands(db.Factory, db.Clock);

        Assert.True((await new UserCommands(db.Factory, db.Clock).EndSessionsAsync(lead, lead.UserId)).Ok);

        await Assert.ThrowsAsync<AccessDeniedException>(() => ledger.RecordServiceAsync(lead, member, 3, db.Clock.Today, "旧会话"));
        var fresh = await db.ActorAsync("jinjiejie");
        Assert.True((await ledger.RecordServiceAsync(fresh, member, 3, db.Clock.Today, "新会话")).Ok);
    }

    [Fact]
    public async Task EndingSessions_IsAllowedForOneselfAndForAnAdmin_AndRefusedForAnyoneElse()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var commands = new UserCommands(db.Factory, db.Clock);
        var lead = await db.ActorAsync("jinjiejie");
        var other = await db.ActorAsync("yinhui");
        var admin = await db.ActorAsync("admin");

        await Assert.ThrowsAsync<AccessDeniedException>(() => commands.EndSessionsAsync(other, lead.UserId));
        Assert.True((await commands.EndSessionsAsync(admin, lead.UserId)).Ok);
        await Assert.ThrowsAsync<AccessDeniedException>(() => commands.EndSessionsAsync(admin, 999_999));

        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'User.EndSessions' AND EntityId = @Id;", new { Id = lead.UserId.ToString() }));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action = 'Denied:User.EndSessions' AND UserName = 'yinhui';"));
        Assert.True(await conn.ExecuteScalarAsync<long>("SELECT Version FROM ChangeVersion WHERE Area = 'Accounts';") > 0);
    }

    [Fact]
    public async Task TheSystemActor_WithNoAccount_StillWrites()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var system = new Actor(0, "cli", Roles.Secretary, null, 1, null);
        var member = await MemberOfAsync(db, "金姐姐");

        Assert.True((await new LedgerCommands(db.Factory, db.Clock).RecordServiceAsync(system, member, 3, db.Clock.Today, "系统")).Ok);
    }
}
