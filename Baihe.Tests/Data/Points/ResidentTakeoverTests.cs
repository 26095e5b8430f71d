using Baihe.Data.Accounts;
using Baihe.Data.Points;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Points;

/// <summary>A lead who adds another team's member to their own team gains a team mate, not that resident's points or contact.</summary>
public class ResidentTakeoverTests
{
    [Fact]
    public async Task ALeadWhoAddsAnotherTeamsMember_CannotRedeemTheirPointsNorChangeTheirPhone()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var teams = new TeamQueries(db.Factory);
        var list = await teams.ListAsync(1);
        var jin = list.Single(t => t.Name == "金姐姐").Id;
        var yin = list.Single(t => t.Name == "银辉先锋").Id;
        var onA = (await teams.DetailAsync(jin))!.Roster.Select(r => r.MemberId).ToList();
        var victim = (await teams.DetailAsync(yin))!.Roster.Select(r => r.MemberId).Except(onA).First();
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@victim, 3, 50, '2026-03-01', 'Service', '2026-03-01');", new { victim });
        }
        var lead = await db.ActorAsync("jinjiejie");
        var roster = new RosterCommands(db.Factory, db.Clock);
        // Even a backdated joining date does not make the lead's team the resident's home team.
        var added = await roster.AddMemberAsync(lead, jin, new AddMemberRequest { ExistingMemberId = victim, JoinedOn = new DateTime(2000, 1, 1) });
        Assert.True(added.Ok, added.Error);
        await using var conn2 = await db.Factory.OpenAsync();
        var (name, phone, version) = await conn2.QuerySingleAsync<(string Name, string? Phone, long Version)>("SELECT Name, Phone, RowVersion FROM Member WHERE Id = @victim;", new { victim });
        var reward = await conn2.QuerySingleAsync<int>("SELECT Id FROM Reward WHERE Name = '理发';");
        var redemptions = await conn2.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption;");

        await Assert.ThrowsAsync<AccessDeniedException>(() => new ExchangeCommands(db.Factory, db.Clock).RedeemAsync(lead, victim, reward, "takeover"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => roster.EditContactAsync(lead, jin, victim, "被改名", "13912345678", version));

        Assert.Equal(redemptions, await conn2.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption;"));
        Assert.Equal(phone, await conn2.ExecuteScalarAsync<string?>("SELECT Phone FROM Member WHERE Id = @victim;", new { victim }));
        // The home team's lead and the secretary still act for the resident.
        Assert.True((await new ExchangeCommands(db.Factory, db.Clock).RedeemAsync(await db.ActorAsync("yinhui"), victim, reward, "home")).Ok);
        Assert.True((await roster.EditContactAsync(await db.ActorAsync("shuji"), jin, victim, name, "13912345678", version)).Ok);
    }
}
