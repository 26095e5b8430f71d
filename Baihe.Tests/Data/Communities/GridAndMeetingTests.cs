using Baihe.Data.Communities;
using Baihe.Data.Deliberations;
using Baihe.Data.Overview;
using Baihe.Data.Tasks;
using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Data.Communities;

public class GridAndMeetingTests
{
    [Fact]
    public async Task GridComparison_AddsUpToTheCommunitysFigures()
    {
        await using var db = await TestDatabase.SeededAsync();
        var year = db.Clock.ThisYear;

        var grids = await new GridQueries(db.Factory).CompareAsync(1, year, db.Clock.Now);
        var overview = await new OverviewQueries(db.Factory).LoadAsync(1, year);

        Assert.Equal(5, grids.Count);
        Assert.Equal(22, grids.Sum(g => g.NeighbourLeads));
        Assert.Equal(65, grids.Sum(g => g.TasksDone));
        Assert.Equal(158, grids.Sum(g => g.WishesFulfilled));
        Assert.Equal(overview.TasksByStage.Where(s => s.Stage != "Closed").Sum(s => s.Count), grids.Sum(g => g.OpenTasks));
        Assert.Equal(overview.Kpis.PointsIssued, grids.Sum(g => g.PointsEarned));
    }

    [Fact]
    public async Task GridPage_ListsItsLeadsOpenTasksAndWishes()
    {
        await using var db = await TestDatabase.SeededAsync();

        var page = (await new GridQueries(db.Factory).PageAsync(2, db.Clock.ThisYear, db.Clock.Now))!;
        var overdue = await new TaskWorkflowQueries(db.Factory).OverdueAsync(1, db.Clock.Now);

        Assert.Equal("第二网格", page.Grid.Name);
        Assert.Equal(page.Grid.NeighbourLeads, page.Leads.Count);
        Assert.Contains(page.Leads, l => l.Name == "陈淑贞");
        Assert.Equal(page.Grid.OpenTasks, page.OpenTasks.Count);
        Assert.All(page.OpenTasks, t => Assert.NotEqual("Closed", t.Stage));
        Assert.Equal(overdue.Count(t => t.Grid == "第二网格"), page.Grid.OverdueTasks);
        Assert.InRange(page.Wishes.Count, 1, 20);
        Assert.Null(await new GridQueries(db.Factory).PageAsync(999, db.Clock.ThisYear, db.Clock.Now));
    }

    [Fact]
    public async Task WishStatusChart_CountsOpenWishesAndThisYearsFulfilled()
    {
        await using var db = await TestDatabase.SeededAsync();

        var data = await new OverviewQueries(db.Factory).LoadAsync(1, db.Clock.ThisYear);

        Assert.Equal(OverviewQueries.WishStatuses, data.WishesByStatus.Select(w => w.Stage));
        Assert.Equal(158, data.WishesByStatus.Where(w => w.Stage is "Fulfilled" or "Visited").Sum(w => w.Count));
        Assert.Equal(6, data.WishesByStatus.Single(w => w.Stage == "Published").Count);
        Assert.Equal(5, data.WishesByStatus.Single(w => w.Stage == "Claimed").Count);
    }

    [Fact]
    public async Task AMeeting_IsRecorded_AndItsDecisionBecomesALinkedTask()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var meetings = new DeliberationCommands(db.Factory, db.Clock);

        var empty = await meetings.RecordAsync(shuji, new MeetingInput(1, db.Clock.Today, " ", "需求", null, [1]));
        var nobody = await meetings.RecordAsync(shuji, new MeetingInput(1, db.Clock.Today, "议题", "需求", null, []));
        var id = (await meetings.RecordAsync(shuji, new MeetingInput(1, db.Clock.Today, "加装楼道扶手", "长者上下楼不便", "由调解队联系物业", [1, 2, 3]))).Id!.Value;
        var task = await new TaskCommands(db.Factory, db.Clock, new TaskDueHours()).IntakeAsync(shuji,
            new IntakeRequest { GridId = 1, Title = "加装楼道扶手", Description = "议事会议定：加装扶手", Category = "设施维护", Source = "Deliberation", DeliberationId = id });

        Assert.Contains("请填写议题", empty.Error);
        Assert.Contains("参会的邻长", nobody.Error);
        Assert.True(task.Ok, task.Error);
        var meeting = (await new DeliberationQueries(db.Factory, db.Clock).ListAsync(1)).Single(m => m.Id == id);
        Assert.Equal(3, meeting.Attendees);
        Assert.Equal(1, meeting.Tasks);
        Assert.Equal("加装楼道扶手", (await new TaskWorkflowQueries(db.Factory).DetailAsync(task.Id!.Value))!.Value.Task.Deliberation);
    }
}
