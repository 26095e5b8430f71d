using Baihe.Data.Deliberations;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Deliberations;

/// <summary>Meeting minutes at the door: broken text and impossible dates are refused in Chinese and write nothing.</summary>
public class DeliberationInputTests
{
    public static TheoryData<string, MeetingInput> BadMeetings(DateTime today) => new()
    {
        { "议题", new MeetingInput(1, today, "加装\uFFFF扶手", "需求", null, [1]) },
        { "收集到的需求", new MeetingInput(1, today, "议题", "长者\u0007不便", null, [1]) },
        { "议定事项", new MeetingInput(1, today, "议题", "需求", "联系\uD800物业", [1]) },
        { "议事日期不能早于 2000-01-01", new MeetingInput(1, new DateTime(1999, 12, 31), "议题", "需求", null, [1]) },
        { "议事日期不能早于 2000-01-01", new MeetingInput(1, default, "议题", "需求", null, [1]) },
        { "议事日期不能晚于今天", new MeetingInput(1, today.AddDays(1), "议题", "需求", null, [1]) },
    };

    [Fact]
    public async Task BadMinutes_AreRefusedInChinese_AndNothingIsWritten()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var meetings = new DeliberationCommands(db.Factory, db.Clock);
        var before = await CountAsync(db);

        foreach (var row in BadMeetings(db.Clock.Today))
        {
            var (message, input) = ((string)row[0], (MeetingInput)row[1]);
            var result = await meetings.RecordAsync(shuji, input);
            Assert.False(result.Ok, message);
            Assert.Contains(message, result.Error);
        }

        Assert.Equal(before, await CountAsync(db));
    }

    [Fact]
    public async Task MultiLineNeeds_KeepTheirLineBreaks()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");

        var result = await new DeliberationCommands(db.Factory, db.Clock).RecordAsync(shuji,
            new MeetingInput(1, db.Clock.Today, "楼道扶手", "一、长者上下楼不便\n二、夜间照明不足", null, [1]));

        Assert.True(result.Ok, result.Error);
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal("一、长者上下楼不便\n二、夜间照明不足", await conn.ExecuteScalarAsync<string>("SELECT NeedsRaised FROM Deliberation WHERE Id = @Id;", new { result.Id }));
    }

    private static async Task<(int Meetings, int Audits)> CountAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Deliberation;"),
                await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditLog WHERE Action NOT LIKE 'User.%';"));
    }
}
