using Baihe.Data.Deliberations;
using Baihe.Data.Tasks;
using Baihe.Data.Wishes;
using Baihe.Tests.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Deliberations;

/// <summary>What the meeting pages and the intake read about 邻合百姓事 meetings, on a real database.</summary>
public class DeliberationQueriesTests
{
    [Fact]
    public async Task TheParticipantPicker_Lists邻长First_EvenWithoutTyping_AndThenOtherResidents()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var queries = new DeliberationQueries(db.Factory, db.Clock);

        var opened = await queries.ParticipantsAsync(1, null);
        var typed = await queries.ParticipantsAsync(1, "陈");

        Assert.Equal(DeliberationQueries.ParticipantListSize, opened.Count);
        Assert.Equal(22, opened.TakeWhile(p => p.IsNeighbourLead).Count());
        Assert.Contains(opened, p => !p.IsNeighbourLead);
        Assert.All(opened.SkipWhile(p => p.IsNeighbourLead), p => Assert.False(p.IsNeighbourLead));
        Assert.NotEmpty(typed);
        Assert.All(typed, p => Assert.Contains("陈", p.Name + p.Grid));
        Assert.Equal(typed.OrderByDescending(p => p.IsNeighbourLead).Select(p => p.Id), typed.Select(p => p.Id));
    }

    [Fact]
    public async Task AMeeting_IsReadWithTheGridMostOfItsParticipantsLiveIn()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        int gridTwoA, gridTwoB, gridOne;
        await using (var conn = await db.Factory.OpenAsync())
        {
            var two = (await conn.QueryAsync<int>("SELECT Id FROM Member WHERE GridId = 2 ORDER BY Id LIMIT 2;")).ToList();
            (gridTwoA, gridTwoB) = (two[0], two[1]);
            gridOne = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Member WHERE GridId = 1 ORDER BY Id LIMIT 1;");
        }
        var id = (await new DeliberationCommands(db.Factory, db.Clock).RecordAsync(shuji,
            new MeetingInput(1, db.Clock.Today, "二网格加装扶手", "老人上下楼不便。", "二网格三栋加装楼梯扶手。", [gridOne, gridTwoA, gridTwoB]))).Id!.Value;

        var choice = await new DeliberationQueries(db.Factory, db.Clock).MeetingAsync(shuji, 1, id);

        Assert.Null(choice.Refusal);
        Assert.Equal(2, choice.Meeting!.GridId);
        Assert.Equal("二网格三栋加装楼梯扶手。", choice.Meeting.Decisions);
    }

    [Theory]
    [InlineData(99999)]                 // no such meeting
    [InlineData(-1)]
    public async Task AnUnknownOrForeignMeetingId_IsRefusedInChinese_Audited_AndNeverReplaced(int asked)
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await ForeignCommunity.SeedAsync(db);
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("INSERT INTO Deliberation (Id, CommunityId, HeldOn, Topic, NeedsRaised) VALUES (900, 900, '2026-01-05', '百花议事', '百花的需求');");
        }
        var shuji = await db.ActorAsync("shuji");
        var queries = new DeliberationQueries(db.Factory, db.Clock);

        var unknown = await queries.MeetingAsync(shuji, 1, asked);
        var foreign = await queries.MeetingAsync(shuji, 1, 900);

        Assert.Null(unknown.Meeting);
        Assert.Null(foreign.Meeting);
        Assert.Equal(MeetingChoice.NotFound, unknown.Refusal);
        Assert.Equal(MeetingChoice.NotFound, foreign.Refusal);
        Assert.Equal([("Deliberation", asked.ToString()), ("Deliberation", "900")], await ForeignCommunity.DenialsAsync(db, "Deliberation.Read"));
    }

    [Fact]
    public async Task AMeeting_ListsTheTasksItsDecisionBecame()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var queries = new DeliberationQueries(db.Factory, db.Clock);
        var meeting = (await queries.ListAsync(1)).First();
        var task = (await new TaskCommands(db.Factory, db.Clock, new TaskDueHours()).IntakeAsync(shuji, new IntakeRequest
        {
            GridId = 1, Title = "增设集中充电点", Description = "议定：增设集中充电点。", Category = "其他", Source = "Deliberation", DeliberationId = meeting.Id,
        })).Id!.Value;

        var tasks = await queries.TasksAsync(1);

        Assert.Contains(tasks, t => t.DeliberationId == meeting.Id && t.TaskId == task && t.Title == "增设集中充电点");
        Assert.Equal(meeting.Tasks + 1, (await queries.ListAsync(1)).Single(m => m.Id == meeting.Id).Tasks);
    }
}
