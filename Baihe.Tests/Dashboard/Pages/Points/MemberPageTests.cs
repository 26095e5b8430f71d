using Baihe.Dashboard.Components.Pages.Points;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Communities;
using Baihe.Data.Points;
using Baihe.Data.Residents;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Points;

public class MemberPageTests
{
    [Fact]
    public async Task DoubleClickOnRedeem_DeductsOnce()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        int memberId;
        await using (var conn = await db.Factory.OpenAsync())
        {
            memberId = await conn.ExecuteScalarAsync<int>("INSERT INTO Member (GridId, Name, CreatedAt) VALUES (1, '兑换测试', '2026-01-01'); SELECT last_insert_rowid();");
            await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@memberId, 3, 20, '2026-03-01', 'Service', '2026-03-01');", new { memberId });
        }
        var (ctx, dialogs) = await PointsPageContext.CreateAsync(db, "shuji");
        await using var _ = ctx;

        var cut = ctx.Render<MemberPage>(p => p.Add(x => x.Id, memberId));
        cut.WaitForAssertion(() => Assert.StartsWith("20", cut.Find(".balance").TextContent.Trim()));
        int haircut;
        await using (var conn = await db.Factory.OpenAsync())
        {
            haircut = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Reward WHERE Name = '理发';");
        }
        // Choosing the reward is what a user does in the select; it starts a new redemption intent.
        var select = cut.FindComponent<MudBlazor.MudSelect<int?>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(haircut));
        cut.Find(".redeem").Click();
        cut.Find(".redeem").Click();
        // The second click met the first one's open confirmation: one dialog, answered once.
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        PointsPageContext.Answer(dialogs, "扣除 5 分兑换 理发", "兑换");

        cut.WaitForAssertion(() => Assert.StartsWith("15", cut.Find(".balance").TextContent.Trim()));
        await using var check = await db.Factory.OpenAsync();
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Redemption WHERE MemberId = @memberId;", new { memberId }));
    }

    [Fact]
    public async Task ARefusedRedemption_ShowsTheBalanceTheServerRefusedItWith()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        int memberId, haircut;
        await using (var conn = await db.Factory.OpenAsync())
        {
            memberId = await conn.ExecuteScalarAsync<int>("INSERT INTO Member (GridId, Name, CreatedAt) VALUES (1, '余额测试', '2026-01-01'); SELECT last_insert_rowid();");
            await conn.ExecuteAsync("INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RecordedAt) VALUES (@memberId, 3, 13, '2026-03-01', 'Service', '2026-03-01');", new { memberId });
            haircut = await conn.ExecuteScalarAsync<int>("SELECT Id FROM Reward WHERE Name = '理发';");
        }
        await using var ctx = await ContextAsync(db, "shuji");
        var cut = ctx.Render<MemberPage>(p => p.Add(x => x.Id, memberId));
        cut.WaitForAssertion(() => Assert.StartsWith("13", cut.Find(".balance").TextContent.Trim()));
        // Meanwhile, on another screen, two haircuts are redeemed: 3 points are left.
        var exchange = new ExchangeCommands(db.Factory, db.Clock);
        var shuji = await db.ActorAsync("shuji");
        Assert.True((await exchange.RedeemAsync(shuji, memberId, haircut, "elsewhere-1")).Ok);
        Assert.True((await exchange.RedeemAsync(shuji, memberId, haircut, "elsewhere-2")).Ok);

        var select = cut.FindComponent<MudBlazor.MudSelect<int?>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(haircut));
        cut.Find(".redeem").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".redeem-error")));
        cut.WaitForAssertion(() => Assert.StartsWith("3", cut.Find(".balance").TextContent.Trim()));
    }

    [Fact]
    public async Task ALead_SeesNoRedeemActionForAMemberOfAnotherTeam()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (_, onlyOnB) = await MembersOfAAndBAsync(db);
        await using var ctx = await ContextAsync(db, "jinjiejie");

        var cut = ctx.Render<MemberPage>(p => p.Add(x => x.Id, onlyOnB));

        // The page is readable (balance shown), but it offers no exchange and no correction to this lead.
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".balance")));
        Assert.Empty(cut.FindAll(".redeem"));
        Assert.DoesNotContain("积分兑换", cut.Markup);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "冲正");
    }

    [Fact]
    public async Task ALead_SeesTheRedeemActionForAMemberOfTheirOwnTeam()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (onlyOnA, _) = await MembersOfAAndBAsync(db);
        await using var ctx = await ContextAsync(db, "jinjiejie");

        var cut = ctx.Render<MemberPage>(p => p.Add(x => x.Id, onlyOnA));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".redeem")));
        // Correcting the ledger stays the secretary's.
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "冲正");
    }

    /// <summary>A resident only on 金姐姐 (jinjiejie's team) and one only on 银辉先锋 (yinhui's team).</summary>
    private static async Task<(int OnlyOnA, int OnlyOnB)> MembersOfAAndBAsync(TestDatabase db)
    {
        var teams = new TeamQueries(db.Factory);
        var list = await teams.ListAsync(1);
        var a = (await teams.DetailAsync(list.Single(t => t.Name == "金姐姐").Id))!.Roster.Select(r => r.MemberId).ToList();
        var b = (await teams.DetailAsync(list.Single(t => t.Name == "银辉先锋").Id))!.Roster.Select(r => r.MemberId).ToList();
        return (a.Except(b).First(), b.Except(a).First());
    }

    private static async Task<BunitContext> ContextAsync(TestDatabase db, string userName)
    {
        var actor = await db.ActorAsync(userName);
        var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory).AddSingleton(db.Clock)
            .AddSingleton<PointsQueries>().AddSingleton<ExchangeQueries>().AddSingleton<ExchangeCommands>()
            .AddSingleton<LedgerCommands>().AddSingleton<CommunityQueries>().AddSingleton<ResidentQueries>().AddSingleton<Baihe.Data.Certificates.CertificateQueries>().AddSingleton<Baihe.Data.Audit.AuditQueries>().AddScoped<CurrentActor>();
        ctx.SignIn(actor, userName);
        ctx.Render<MudBlazor.MudPopoverProvider>();
        return ctx;
    }
}
