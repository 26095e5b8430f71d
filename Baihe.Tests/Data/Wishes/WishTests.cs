using Baihe.Data.Accounts;
using Baihe.Data.Wishes;
using Baihe.Tests.Data.Tasks;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Wishes;

public class WishTests
{
    [Fact]
    public async Task AWish_GoesFromPublishedToVisited_AndAResidentClaimerIsCreditedOnce()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var id = (await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", "一副老花镜", 60))).Id!.Value;

        Assert.True((await wishes.ClaimAsync(shuji, id, "Member", 1)).Ok);
        Assert.True((await wishes.FulfilAsync(shuji, id, "已送达", null, creditClaimer: true)).Ok);
        Assert.True((await wishes.VisitAsync(shuji, id, "老人很满意")).Ok);

        var (wish, history) = (await new WishDetailQueries(db.Factory).DetailAsync(id))!.Value;
        Assert.Equal("Visited", wish.Status);
        Assert.Equal(["Published", "Claimed", "Fulfilled", "Visited"], history.Select(h => h.ToStatus));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE WishId = @id AND MemberId = 1;", new { id }));
    }

    [Theory]
    [InlineData("Member")]
    [InlineData("Team")]
    [InlineData("Partner")]
    public async Task TheWishTimeline_NamesTheClaimer_NeverItsId(string kind)
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        string name;
        int claimant;
        await using (var conn = await db.Factory.OpenAsync())
        {
            (claimant, name) = await conn.QuerySingleAsync<(int, string)>(kind switch
            {
                "Member" => "SELECT m.Id, m.Name FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE g.CommunityId = 1 ORDER BY m.Id DESC LIMIT 1;",
                "Team" => "SELECT Id, Name FROM Team WHERE CommunityId = 1 ORDER BY Id DESC LIMIT 1;",
                _ => "SELECT Id, Name FROM PartnerUnit WHERE CommunityId = 1 ORDER BY Id LIMIT 1;",
            });
        }
        var id = (await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", "一副老花镜", 60))).Id!.Value;
        Assert.True((await wishes.ClaimAsync(shuji, id, kind, claimant)).Ok);

        var claim = (await new WishDetailQueries(db.Factory).DetailAsync(id))!.Value.History.Single(h => h.ToStatus == "Claimed");

        Assert.Contains(name, claim.Note);
        Assert.StartsWith("认领方：", claim.Note);
        Assert.DoesNotContain(kind + ":", claim.Note);
        Assert.DoesNotContain(claimant.ToString(), claim.Note!.Replace(name, ""));
    }

    [Fact]
    public async Task AClaimRecordedWithAnId_IsShownByTheClaimersName()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var id = (await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", "一副老花镜", 60))).Id!.Value;
        Assert.True((await wishes.ClaimAsync(shuji, id, "Member", 21)).Ok);
        string name;
        await using (var conn = await db.Factory.OpenAsync())
        {
            // What claims before this fix stored.
            await conn.ExecuteAsync("UPDATE WishStatusHistory SET Note = 'Member:21' WHERE WishId = @id AND ToStatus = 'Claimed';", new { id });
            name = await conn.ExecuteScalarAsync<string>("SELECT Name FROM Member WHERE Id = 21;") ?? "";
        }

        var claim = (await new WishDetailQueries(db.Factory).DetailAsync(id))!.Value.History.Single(h => h.ToStatus == "Claimed");

        Assert.Equal($"认领方：志愿者 {name}", claim.Note);
    }

    [Fact]
    public async Task ASecondClaim_IsRefused_EvenWhenBothArriveTogether()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var id = (await wishes.PublishAsync(shuji, new WishInput(1, "林小朋友", "Child", "新书包", 150))).Id!.Value;

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Task.Run(() => wishes.ClaimAsync(shuji, id, "Member", i))));

        Assert.Equal(1, results.Count(r => r.Ok));
        Assert.All(results.Where(r => !r.Ok), r => Assert.Contains("已被认领", r.Error));
    }

    [Fact]
    public async Task FulfilmentBeforeAClaim_AndABadWish_AreRefused()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var id = (await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", "收音机", 120))).Id!.Value;

        Assert.Contains("请先认领", (await wishes.FulfilAsync(shuji, id, "送达", null, false)).Error);
        Assert.Contains("心愿内容", (await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", " ", 10))).Error);
        Assert.Contains("请选择所在网格", (await wishes.PublishAsync(shuji, new WishInput(0, "陈伯", "Elderly", "收音机", 10))).Error);
    }

    [Fact]
    public async Task AForeignOrUnknownWishOrClaimant_IsRefusedAndAudited_AndNothingElseIsWritten()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await ForeignCommunity.SeedAsync(db);
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var id = (await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", "一副老花镜", 60))).Id!.Value;
        var before = await ForeignCommunity.EverythingElseAsync(db);

        var team = await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.ClaimAsync(shuji, id, "Team", ForeignCommunity.TeamId));
        var member = await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.ClaimAsync(shuji, id, "Member", ForeignCommunity.MemberId));
        var partner = await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.ClaimAsync(shuji, id, "Partner", ForeignCommunity.PartnerId));
        var unknownPartner = await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.ClaimAsync(shuji, id, "Partner", 9999));
        var foreignWish = await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.ClaimAsync(shuji, ForeignCommunity.WishId, "Team", 1));
        var unknownWish = await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.VisitAsync(shuji, 9999, null));

        Assert.Equal("找不到这支队伍。", team.Message);
        Assert.Equal("找不到这位居民。", member.Message);
        Assert.Equal("找不到这个共建单位。", partner.Message);
        Assert.Equal("找不到这个共建单位。", unknownPartner.Message);
        Assert.Equal("找不到这支队伍。", foreignWish.Message); // team 1 is not of the foreign wish's community
        Assert.Equal("找不到这个微心愿。", unknownWish.Message);
        Assert.Equal([("Team", "900"), ("Member", "900"), ("Partner", "900"), ("Partner", "9999"), ("Team", "1")],
            await ForeignCommunity.DenialsAsync(db, "Wish.Claim"));
        Assert.Equal([("MicroWish", "9999")], await ForeignCommunity.DenialsAsync(db, "Wish.Visit"));
        Assert.Equal(before, await ForeignCommunity.EverythingElseAsync(db));
        Assert.Equal("Published", (await new WishDetailQueries(db.Factory).DetailAsync(id))!.Value.Wish.Status);
    }

    [Fact]
    public async Task AForeignWish_CannotBeFulfilledOrVisited_AndTheRefusalIsAudited()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await ForeignCommunity.SeedAsync(db);
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var before = await ForeignCommunity.EverythingElseAsync(db);

        var fulfil = await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.FulfilAsync(shuji, ForeignCommunity.WishId, "送达", null, false));
        var visit = await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.VisitAsync(shuji, ForeignCommunity.WishId, null));

        Assert.Equal(AccessDeniedException.DefaultMessage, fulfil.Message);
        Assert.Equal(AccessDeniedException.DefaultMessage, visit.Message);
        Assert.Equal([("MicroWish", "900")], await ForeignCommunity.DenialsAsync(db, "Wish.Fulfil"));
        Assert.Equal([("MicroWish", "900")], await ForeignCommunity.DenialsAsync(db, "Wish.Visit"));
        Assert.Equal(before, await ForeignCommunity.EverythingElseAsync(db));
    }

    [Fact]
    public async Task ALead_MayClaimForTheirTeamAndItsMembersOnly_AndThePageIsOfferedTheSameChoice()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var lead = await db.ActorAsync("jinjiejie");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var queries = new WishDetailQueries(db.Factory);
        var id = (await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", "一副老花镜", 60))).Id!.Value;
        var wish = (await queries.ScopeAsync(id))!;
        await using var conn = await db.Factory.OpenAsync();
        var onTeam = await conn.ExecuteScalarAsync<int>("SELECT MIN(MemberId) FROM Membership WHERE TeamId = @TeamId AND LeftOn IS NULL;", new { lead.TeamId });
        var offTeam = await conn.ExecuteScalarAsync<int>(
            "SELECT MIN(m.Id) FROM Member m WHERE NOT EXISTS (SELECT 1 FROM Membership s WHERE s.MemberId = m.Id AND s.TeamId = @TeamId AND s.LeftOn IS NULL);", new { lead.TeamId });
        var otherTeam = await conn.ExecuteScalarAsync<int>("SELECT MIN(Id) FROM Team WHERE CommunityId = 1 AND Id <> @TeamId;", new { lead.TeamId });

        Assert.True(WishRules.CanClaim(lead, wish, (await queries.ClaimantAsync("Member", onTeam))!));
        Assert.False(WishRules.CanClaim(lead, wish, (await queries.ClaimantAsync("Member", offTeam))!));
        Assert.False(WishRules.CanClaim(lead, wish, (await queries.ClaimantAsync("Team", otherTeam))!));
        await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.ClaimAsync(lead, id, "Member", offTeam));
        await Assert.ThrowsAsync<AccessDeniedException>(() => wishes.ClaimAsync(lead, id, "Team", otherTeam));
        Assert.True((await wishes.ClaimAsync(lead, id, "Member", onTeam)).Ok);
        Assert.True(WishRules.CanFulfil(lead, (await queries.ScopeAsync(id))!));
        Assert.True((await wishes.FulfilAsync(lead, id, "已送达", null, false)).Ok);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, 1000, null, ".jpg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, 1000, null, ".png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, 5 * 1024 * 1024 + 1, "不能超过 5 MB", "")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 }, 1000, "JPG、PNG 或 WebP", "")] // a PDF renamed .jpg
    [InlineData(new byte[] { }, 0, "空文件", "")]
    public void Photos_AreImagesOfAtMostFiveMegabytes(byte[] head, long length, string? error, string extension)
    {
        var message = PhotoRules.Check(head, length, out var ext);

        if (error is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.Contains(error, message);
        }
        Assert.Equal(extension, ext);
    }
}
