using Baihe.Dashboard.Components.Pages.Points;
using Baihe.Dashboard.Services.Print;
using Baihe.Data.Points;
using Baihe.Tests.Data.Tasks;
using Baihe.Tests.TestSupport;
using Bunit;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Pages.Points;

/// <summary>The printable pages: the 公示 notice of an evaluation and the sign-in sheet of an activity.</summary>
public class PrintPagesTests
{
    /// <summary>An overall evaluation of the second half of 2026 with its top two marked and published until 3 Dec.</summary>
    private static async Task<(int Id, IReadOnlyList<EvaluationResultRow> Winners)> PublishedEvaluationAsync(TestDatabase db, bool publish = true)
    {
        var shuji = await db.ActorAsync("shuji");
        var commands = new EvaluationCommands(db.Factory, db.Clock);
        Assert.True((await commands.CreateAsync(shuji, 1, 2026, 2, null, 5)).Ok);
        await using var conn = await db.Factory.OpenAsync();
        var id = await conn.ExecuteScalarAsync<int>("SELECT MAX(Id) FROM Evaluation;");
        var shortlist = (await new EvaluationQueries(db.Factory).DetailAsync(id))!.Value.Results;
        foreach (var r in shortlist.Take(2))
        {
            Assert.True((await commands.SetWinnerAsync(shuji, id, r.MemberId, true)).Ok);
        }
        if (publish)
        {
            var result = await commands.PubliciseAsync(shuji, id, new DateTime(2026, 12, 3));
            Assert.True(result.Ok, result.Error);
        }
        return (id, shortlist.Take(2).ToList());
    }

    [Fact]
    public async Task TheNotice_ListsTheWinnersAsPublished_WithThePeriodAndTheIssuers()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (id, winners) = await PublishedEvaluationAsync(db);
        var (ctx, _) = await PointsPageContext.CreateAsync(db, "jiedao");
        await using var _ = ctx;

        var cut = ctx.Render<EvaluationNoticePage>(p => p.Add(x => x.Id, id));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".winners tbody tr")));
        Assert.Contains("关于百合园社区2026年下半年", cut.Find("h1").TextContent);
        Assert.Equal(winners.Select(w => (w.Name, w.Points.ToString())),
            cut.FindAll(".winners tbody tr").Select(r => (r.QuerySelector(".name")!.TextContent, r.QuerySelector(".points")!.TextContent)));
        Assert.Contains("公示期：2026年11月26日 至 2026年12月3日", cut.Find(".period").TextContent);
        Assert.Contains("中共百合园社区总支部委员会", cut.Find(".issuer").TextContent);
        Assert.Single(cut.FindAll(".print-button"));
    }

    [Fact]
    public async Task TheNotice_OfADraft_AnUnknownId_OrAForeignCommunity_IsRefusedInChinese_AndTheForeignOneIsAudited()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (draft, _) = await PublishedEvaluationAsync(db, publish: false);
        await ForeignCommunity.SeedAsync(db);
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO Evaluation (Id, CommunityId, Year, Half, ShortlistSize, Status, PublicityEndsOn) VALUES (900, 900, 2026, 2, 1, 'Publicised', '2026-12-03');
                INSERT INTO EvaluationResult (EvaluationId, MemberId, Rank, Points, IsWinner) VALUES (900, 900, 1, 9, 1);
                """);
        }
        var (ctx, _) = await PointsPageContext.CreateAsync(db, "shuji");
        await using var _ = ctx;

        foreach (var (id, says) in new[] { (draft, "尚未公示"), (4711, "找不到这次评选"), (900, "无权") })
        {
            var cut = ctx.Render<EvaluationNoticePage>(p => p.Add(x => x.Id, id));
            cut.WaitForAssertion(() => Assert.Contains(says, cut.Find(".refusal").TextContent));
            Assert.Empty(cut.FindAll(".winners"));
            Assert.Empty(cut.FindAll(".print-button"));
            Assert.DoesNotContain("百花居民", cut.Markup);
        }
        Assert.Contains(await ForeignCommunity.DenialsAsync(db, "Community.Read"), d => d == ("Community", "900"));
    }

    [Fact]
    public async Task TheSignInSheet_NumbersTheTeamsMembers_LeavesSpareRows_AndItsQrCodeEncodesTheActivitysAddress()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var conn = await db.Factory.OpenAsync();
        var activity = await conn.QuerySingleAsync<(long Id, long TeamId)>("SELECT Id, TeamId FROM Activity ORDER BY Id LIMIT 1;");
        var members = (await conn.QueryAsync<string>("""
            SELECT m.Name FROM Membership ms JOIN Member m ON m.Id = ms.MemberId WHERE ms.TeamId = @TeamId AND ms.LeftOn IS NULL ORDER BY m.Name;
            """, new { activity.TeamId })).ToList();
        var (ctx, _) = await PointsPageContext.CreateAsync(db, "yinhui");
        await using var _ = ctx;

        var cut = ctx.Render<ActivitySignInPage>(p => p.Add(x => x.Id, (int)activity.Id));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".names tbody tr")));
        var rows = cut.FindAll(".names tbody tr");
        Assert.Equal(members.Count + ActivitySignInPage.SpareRows, rows.Count);
        Assert.Equal(members.Order(StringComparer.Ordinal), cut.FindAll("tr.person .name").Select(c => c.TextContent).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(n => n.ToString()), rows.Select(r => r.QuerySelector(".no")!.TextContent));
        Assert.All(rows, r => Assert.Equal("", r.QuerySelector(".sign")!.TextContent));
        Assert.All(cut.FindAll("tr.spare .name"), c => Assert.Equal("", c.TextContent));
        var title = await conn.ExecuteScalarAsync<string>("SELECT Title FROM Activity WHERE Id = @Id;", new { activity.Id });
        Assert.Equal(title, cut.Find("h1").TextContent);
        // The time of day is on the sheet, so people know when to come and sign.
        var (start, end) = await conn.QuerySingleAsync<(long, long)>("SELECT StartMinute, EndMinute FROM Activity WHERE Id = @Id;", new { activity.Id });
        Assert.Contains($"{start / 60:00}:{start % 60:00}–{end / 60:00}:{end % 60:00}", cut.Markup, StringComparison.Ordinal);

        var qr = cut.Find(".qr img");
        var address = $"http://localhost/activities/{activity.Id}";
        Assert.Equal(address, qr.GetAttribute("data-url"));
        Assert.Equal(QrCodeImage.DataUri(address), qr.GetAttribute("src"));
        Assert.NotEqual(QrCodeImage.DataUri($"http://localhost/activities/{activity.Id + 1}"), qr.GetAttribute("src"));
        Assert.StartsWith("data:image/svg+xml;base64,", qr.GetAttribute("src"));
    }

    [Fact]
    public async Task TheSignInSheet_OfAnUnknownOrForeignActivity_IsRefusedInChinese_AndShowsNoNames()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await ForeignCommunity.SeedAsync(db);
        await using (var conn = await db.Factory.OpenAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO Membership (TeamId, MemberId, Role, JoinedOn) VALUES (900, 900, 'Member', '2026-01-01');
                INSERT INTO Activity (Id, TeamId, CategoryId, Title, Place, HeldOn, PointsPerAttendee, Status) VALUES (900, 900, 1, '百花的活动', '百花广场', '2026-11-20', 1, 'Open');
                """);
        }
        var (ctx, _) = await PointsPageContext.CreateAsync(db, "shuji");
        await using var _ = ctx;

        foreach (var (id, says) in new[] { (4711, "找不到这场活动"), (900, "无权") })
        {
            var cut = ctx.Render<ActivitySignInPage>(p => p.Add(x => x.Id, id));
            cut.WaitForAssertion(() => Assert.Contains(says, cut.Find(".refusal").TextContent));
            Assert.Empty(cut.FindAll(".names"));
            Assert.Empty(cut.FindAll(".qr"));
            Assert.DoesNotContain("百花", cut.Markup);
        }
        Assert.Contains(await ForeignCommunity.DenialsAsync(db, "Community.Read"), d => d == ("Community", "900"));
    }
}
