using Baihe.Dashboard.Components.Pages.Points;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Baihe.Tests.Dashboard.Pages.Points;

/// <summary>
/// Every irreversible action of the points pages asks first with its concrete consequence; 取消 writes nothing (not
/// even an audit row), the action button writes once.
/// </summary>
public class PointsConfirmationTests
{
    [Fact]
    public async Task ClosingAnActivity_AsksWithTheHeadcount_CancelWritesNothing_ConfirmCreditsEveryAttendee()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var activityId = await ActivityWithAttendeesAsync(db, 3);
        var (ctx, dialogs) = await PointsPageContext.CreateAsync(db, "shuji");
        await using var _ = ctx;
        var cut = ctx.Render<ActivityPage>(p => p.Add(x => x.Id, activityId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".close-activity")));
        var audits = await CountAsync(db, "SELECT COUNT(*) FROM AuditLog;");

        cut.Find(".close-activity").Click();
        PointsPageContext.Answer(dialogs, "将为 3 人各记 2 分", "取消");

        Assert.Equal("Open", await StatusAsync(db, activityId));
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM PointEntry WHERE ActivityId = @id;", activityId));
        Assert.Equal(audits, await CountAsync(db, "SELECT COUNT(*) FROM AuditLog;"));

        cut.Find(".close-activity").Click();
        PointsPageContext.Answer(dialogs, "将为 3 人各记 2 分", "结束并记分");

        cut.WaitForAssertion(() => Assert.Contains("已结束并记分", cut.Markup));
        Assert.Equal("Closed", await StatusAsync(db, activityId));
        Assert.Equal(3, await CountAsync(db, "SELECT COUNT(*) FROM PointEntry WHERE ActivityId = @id AND Points = 2;", activityId));
    }

    [Fact]
    public async Task RedeemingOnTheMemberPage_StatesTheBalanceBeforeAndAfter_CancelWritesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var member = await db.FreshMemberAsync("张三", 120);
        var haircut = await CountAsync(db, "SELECT Id FROM Reward WHERE Name = '理发';");
        var cost = await CountAsync(db, "SELECT PointCost FROM Reward WHERE Id = @id;", haircut);
        var (ctx, dialogs) = await PointsPageContext.CreateAsync(db, "shuji");
        await using var _ = ctx;
        var cut = ctx.Render<MemberPage>(p => p.Add(x => x.Id, member));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".redeem")));
        var select = cut.FindComponent<MudSelect<int?>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(haircut));
        var says = $"将从 张三 的 120 分中扣除 {cost} 分兑换 理发，余 {120 - cost} 分";

        cut.Find(".redeem").Click();
        PointsPageContext.Answer(dialogs, says, "取消");
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM Redemption WHERE MemberId = @id;", member));

        cut.Find(".redeem").Click();
        PointsPageContext.Answer(dialogs, says, "兑换");
        cut.WaitForAssertion(() => Assert.StartsWith($"{120 - cost}", cut.Find(".balance").TextContent.Trim()));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM Redemption WHERE MemberId = @id;", member));
    }

    [Fact]
    public async Task Correcting_NamesTheEntryAndTheNewBalance_CancelWritesNothing_ConfirmAddsOneCounterEntry()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var member = await db.FreshMemberAsync("李四", 7);
        var (ctx, dialogs) = await PointsPageContext.CreateAsync(db, "shuji");
        await using var _ = ctx;
        var cut = ctx.Render<MemberPage>(p => p.Add(x => x.Id, member));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".correct")));

        cut.Find(".correct").Click();
        PointsPageContext.Answer(dialogs, "新增一条 -7 分的冲正记录，余额由 7 分变为 0 分", "取消");
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM PointEntry WHERE MemberId = @id AND Source = 'Correction';", member));

        cut.Find(".correct").Click();
        PointsPageContext.Answer(dialogs, "余额由 7 分变为 0 分", "冲正");
        cut.WaitForAssertion(() => Assert.StartsWith("0", cut.Find(".balance").TextContent.Trim()));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM PointEntry WHERE MemberId = @id AND Source = 'Correction';", member));
    }

    [Fact]
    public async Task Fulfilling_NamesTheRewardAndTheResident_CancelLeavesItPending()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var member = await db.FreshMemberAsync("王五", 50);
        var shuji = await db.ActorAsync("shuji");
        var haircut = await CountAsync(db, "SELECT Id FROM Reward WHERE Name = '理发';");
        var redemption = (await new ExchangeCommands(db.Factory, db.Clock).RedeemAsync(shuji, member, haircut, "fulfil-test")).Id!.Value;
        var (ctx, dialogs) = await PointsPageContext.CreateAsync(db, "shuji");
        await using var _ = ctx;
        // Filtered to this resident through the link, as a copied link would.
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("rewards?q=王五");
        var cut = ctx.Render<RewardsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".fulfil")));

        cut.Find(".fulfil").Click();
        PointsPageContext.Answer(dialogs, "确认已把 理发 交给 王五", "取消");
        Assert.Equal("Pending", await TextAsync(db, "SELECT Status FROM Redemption WHERE Id = @id;", redemption));

        cut.Find(".fulfil").Click();
        PointsPageContext.Answer(dialogs, "确认已把 理发 交给 王五", "兑现");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".fulfil")));
        Assert.Equal("Fulfilled", await TextAsync(db, "SELECT Status FROM Redemption WHERE Id = @id;", redemption));
    }

    [Fact]
    public async Task RedeemingFromTheExchangePage_FindsTheResidentByPhoneTail_AndAsksBeforeDeducting()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var member = await db.FreshMemberAsync("赵六", 40);
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("UPDATE Member SET Phone = '13900008642' WHERE Id = @member;", new { member });
        }
        var haircut = await CountAsync(db, "SELECT Id FROM Reward WHERE Name = '理发';");
        var cost = await CountAsync(db, "SELECT PointCost FROM Reward WHERE Id = @id;", haircut);
        var (ctx, dialogs) = await PointsPageContext.CreateAsync(db, "shuji");
        await using var _ = ctx;
        var cut = ctx.Render<RewardsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".redeem-form")));

        var found = await new ExchangeQueries(db.Factory).RedeemableMembersAsync(await db.ActorAsync("shuji"), 1, "8642");
        // Everyone found has that phone tail (the demo may hold another), and the resident is among them.
        Assert.All(found, m => Assert.Equal("8642", m.PhoneTail));
        var zhao = found.Single(m => m.Id == member);
        Assert.Equal(("赵六", "8642", 40), (zhao.Name, zhao.PhoneTail, zhao.Balance));
        var picker = cut.FindComponent<MudAutocomplete<RedeemableMember>>();
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(zhao));
        cut.WaitForAssertion(() => Assert.Contains("当前余额", cut.Find(".redeem-balance").TextContent));
        var select = cut.FindComponent<MudSelect<int?>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(haircut));
        var says = $"将从 赵六 的 40 分中扣除 {cost} 分兑换 理发，余 {40 - cost} 分";

        cut.Find(".redeem").Click();
        PointsPageContext.Answer(dialogs, says, "取消");
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM Redemption WHERE MemberId = @id;", member));

        cut.Find(".redeem").Click();
        PointsPageContext.Answer(dialogs, says, "兑换");
        cut.WaitForAssertion(() => Assert.Contains($"<b>{40 - cost}</b>", cut.Find(".redeem-balance").InnerHtml));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM Redemption WHERE MemberId = @id;", member));
    }

    [Fact]
    public async Task PublicisingAndArchiving_ExplainWhatTheyMean_CancelLeavesTheEvaluationAsItWas()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var evaluations = new EvaluationCommands(db.Factory, db.Clock);
        var today = db.Clock.Today;
        var created = await evaluations.CreateAsync(shuji, 1, today.Year, Period.HalfOf(today), null, 3);
        Assert.True(created.Ok, created.Error);
        var id = created.Id!.Value;
        var winner = await CountAsync(db, "SELECT MIN(MemberId) FROM EvaluationResult WHERE EvaluationId = @id;", id);
        Assert.True((await evaluations.SetWinnerAsync(shuji, id, winner, true)).Ok);
        var (ctx, dialogs) = await PointsPageContext.CreateAsync(db, "shuji");
        await using var _ = ctx;
        var cut = ctx.Render<EvaluationsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".publicise")));

        cut.Find(".publicise").Click();
        PointsPageContext.Answer(dialogs, "将向居民公示", "取消");
        Assert.Equal("Draft", await TextAsync(db, "SELECT Status FROM Evaluation WHERE Id = @id;", id));

        cut.Find(".publicise").Click();
        PointsPageContext.Answer(dialogs, "公示后获评名单不能再修改", "公示");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".archive")));
        Assert.Equal("Publicised", await TextAsync(db, "SELECT Status FROM Evaluation WHERE Id = @id;", id));

        // The 公示 period is over (as if time had passed): archiving is now allowed.
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("UPDATE Evaluation SET PublicityEndsOn = @day WHERE Id = @id;", new { day = today.AddDays(-1), id });
        }
        cut.Find(".archive").Click();
        PointsPageContext.Answer(dialogs, "归档后结果不能再修改", "取消");
        Assert.Equal("Publicised", await TextAsync(db, "SELECT Status FROM Evaluation WHERE Id = @id;", id));

        cut.Find(".archive").Click();
        PointsPageContext.Answer(dialogs, "归档后结果不能再修改", "归档");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".archive")));
        Assert.Equal("Archived", await TextAsync(db, "SELECT Status FROM Evaluation WHERE Id = @id;", id));
    }

    /// <summary>An open activity of 金姐姐 held yesterday at 2 points each, with the first <paramref name="attendees"/> of its roster present.</summary>
    internal static async Task<int> ActivityWithAttendeesAsync(TestDatabase db, int attendees)
    {
        var shuji = await db.ActorAsync("shuji");
        var teams = new TeamQueries(db.Factory);
        var team = (await teams.ListAsync(1)).Single(t => t.Name == "金姐姐").Id;
        var roster = (await teams.DetailAsync(team))!.Roster.Select(r => r.MemberId).Take(attendees).ToList();
        var commands = new ActivityCommands(db.Factory, db.Clock);
        var created = await commands.CreateAsync(shuji, new ActivityInput(team, 2, "确认测试活动", "社区广场", db.Clock.Today.AddDays(-1), 2));
        Assert.True(created.Ok, created.Error);
        Assert.True((await commands.SaveAttendanceAsync(shuji, created.Id!.Value, roster)).Ok);
        return created.Id!.Value;
    }

    private static async Task<int> CountAsync(TestDatabase db, string sql, int? id = null)
    {
        await using var conn = await db.Factory.OpenAsync();
        return await conn.ExecuteScalarAsync<int>(sql, new { id });
    }

    private static async Task<string> StatusAsync(TestDatabase db, int activityId) =>
        await TextAsync(db, "SELECT Status FROM Activity WHERE Id = @id;", activityId);

    private static async Task<string> TextAsync(TestDatabase db, string sql, int id)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<string>(sql, new { id }))!;
    }
}
