using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Teams;

/// <summary>
/// Roster writes at the door and under races SQLite hides: text that would be stored broken, impossible dates and a
/// unique index that refuses a write another user committed first all end in a Chinese message and nothing written.
/// </summary>
public class RosterSafetyTests
{
    private static async Task<(TestDatabase Db, RosterCommands Roster, int JinJieJie)> SetUpAsync()
    {
        var db = await TestDatabase.WithAccountsAsync();
        var teams = await new TeamQueries(db.Factory).ListAsync(1);
        return (db, new RosterCommands(db.Factory, db.Clock), teams.Single(t => t.Name == "金姐姐").Id);
    }

    private static async Task<(int Members, int Memberships, int Audits)> CountsAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Member;"),
                await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Membership;"),
                await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action NOT LIKE 'User.%';"));
    }

    private static AddMemberRequest NewResident(TestDatabase db, string name) =>
        new() { Name = name, GridId = 1, Role = RosterRole.Member, JoinedOn = db.Clock.Today };

    /// <summary>A name with U+FFFF once passed and then broke the monthly report.</summary>
    [Theory]
    [InlineData("张\uFFFF三")]
    [InlineData("张\uFDD0三")]
    public async Task ANewResidentNamedWithANonCharacterOrABrokenEmoji_IsRefusedInChinese_AndNothingIsWritten(string name)
    {
        var (db, roster, jin) = await SetUpAsync();
        await using var _ = db;
        var before = await CountsAsync(db);

        var result = await roster.AddMemberAsync(await db.ActorAsync("shuji"), jin, NewResident(db, name));

        Assert.False(result.Ok);
        Assert.Contains("姓名", result.Error);
        Assert.Contains("无法保存的字符", result.Error);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Fact]
    public async Task EditingAContactToABrokenNameOrPhone_IsRefused_AndNothingChanges()
    {
        var (db, roster, jin) = await SetUpAsync();
        await using var _ = db;
        var shuji = await db.ActorAsync("shuji");
        var row = (await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster[0];
        var before = await CountsAsync(db);

        var badName = await roster.EditContactAsync(shuji, jin, row.MemberId, "李\uFFFF四", null, row.MemberVersion);
        var badPhone = await roster.EditContactAsync(shuji, jin, row.MemberId, "李四", "138\u00001234\u00005678", row.MemberVersion);

        Assert.Contains("无法保存的字符", badName.Error);
        Assert.Contains("控制字符", badPhone.Error);
        Assert.Equal(before, await CountsAsync(db));
        Assert.Equal(row.Name, (await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster.Single(r => r.MemberId == row.MemberId).Name);
    }

    [Fact]
    public async Task ImpossibleJoinAndLeaveDatesOrABrokenReason_AreRefusedInChinese_AndNothingIsWritten()
    {
        var (db, roster, jin) = await SetUpAsync();
        await using var _ = db;
        var shuji = await db.ActorAsync("shuji");
        var row = (await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster.First(r => r.Role != RosterRole.Lead);
        var before = await CountsAsync(db);

        var ancientJoin = await roster.AddMemberAsync(shuji, jin, NewResident(db, "王五") with { JoinedOn = new DateTime(1999, 12, 31) });
        var yearOne = await roster.AddMemberAsync(shuji, jin, NewResident(db, "王五") with { JoinedOn = default });
        var brokenReason = await roster.RecordLeaveAsync(shuji, row.MembershipId, db.Clock.Today, "搬\uFFFF家", row.MembershipVersion);

        Assert.Contains("入队日期不能早于 2000-01-01", ancientJoin.Error);
        Assert.Contains("入队日期不能早于 2000-01-01", yearOne.Error);
        Assert.Contains("离队原因", brokenReason.Error);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Fact]
    public async Task AddingAResidentAddedMeanwhileByAnotherUser_GetsTheOnRosterMessage_NotARawError()
    {
        var (db, roster, jin) = await SetUpAsync();
        await using var _ = db;
        var shuji = await db.ActorAsync("shuji");
        var onJin = (await new TeamQueries(db.Factory).DetailAsync(jin))!.Roster.Select(r => r.MemberId).ToHashSet();
        int resident;
        await using (var conn = await db.Factory.OpenAsync())
        {
            resident = await conn.ExecuteScalarAsync<int>("INSERT INTO Member (GridId, Name, CreatedAt) VALUES (1, '赵六', '2026-01-01 00:00:00'); SELECT last_insert_rowid();");
            // The other user's add commits between this command's "already on the roster?" check and its insert.
            await conn.ExecuteAsync($"""
                CREATE TRIGGER RaceAdd BEFORE INSERT ON Membership WHEN NEW.MemberId = {resident} AND NEW.Role <> 'Deputy'
                BEGIN
                    INSERT INTO Membership (TeamId, MemberId, Role, JoinedOn) VALUES (NEW.TeamId, NEW.MemberId, 'Deputy', NEW.JoinedOn);
                END;
                """);
        }
        Assert.DoesNotContain(resident, onJin);
        var before = await CountsAsync(db);

        var result = await roster.AddMemberAsync(shuji, jin, new AddMemberRequest { ExistingMemberId = resident, Role = RosterRole.Member, JoinedOn = db.Clock.Today });

        Assert.False(result.Ok);
        Assert.Equal("赵六 已在本队花名册中。", result.Error);
        Assert.Equal(before, await CountsAsync(db));
    }
}
