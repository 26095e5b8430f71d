using Baihe.Data.Wishes;
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
        Assert.Contains("请选择所在网格", (await wishes.PublishAsync(shuji, new WishInput(999, "陈伯", "Elderly", "收音机", 10))).Error);
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
