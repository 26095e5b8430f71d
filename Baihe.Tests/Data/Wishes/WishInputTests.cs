using Baihe.Data.Database;
using Baihe.Data.Wishes;
using Baihe.Tests.TestSupport;
using Dapper;

namespace Baihe.Tests.Data.Wishes;

/// <summary>
/// What a 微心愿 accepts at the door, what it composes from it, and how it behaves when two users act at once: every
/// write fits its SQL Server column unchanged or is refused in Chinese, and a step is taken once.
/// </summary>
public class WishInputTests
{
    private static async Task<(int Wishes, int History, int Points)> CountAsync(TestDatabase db)
    {
        await using var conn = await db.Factory.OpenAsync();
        return (await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM MicroWish;"),
            await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM WishStatusHistory;"),
            await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry;"));
    }

    private static async Task<int> ClaimedAsync(TestDatabase db, WishCommands wishes, string content = "一副老花镜")
    {
        var shuji = await db.ActorAsync("shuji");
        var id = (await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", content, 60))).Id!.Value;
        Assert.True((await wishes.ClaimAsync(shuji, id, "Member", 1)).Ok);
        return id;
    }

    [Fact]
    public async Task TooLongOrBrokenWishText_OrANegativeValue_IsRefusedWithAChineseMessage_AndWritesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var before = await CountAsync(db);

        var longContent = await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", new string('书', 201), 60));
        var nonCharacter = await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", "老花镜\uFFFF", 60));
        var loneSurrogate = await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", "老花镜\uDE00", 60));
        var brokenName = await wishes.PublishAsync(shuji, new WishInput(1, "陈\uFFFE伯", "Elderly", "老花镜", 60));
        var longName = await wishes.PublishAsync(shuji, new WishInput(1, new string('陈', 21), "Elderly", "老花镜", 60));
        var negative = await wishes.PublishAsync(shuji, new WishInput(1, "陈伯", "Elderly", "老花镜", -5));

        Assert.Equal("「心愿内容」不能超过 200 字（现为 201 字；表情符号按 2 字计）。", longContent.Error);
        Assert.Contains("「心愿内容」包含无法保存的字符", nonCharacter.Error);
        Assert.Contains("「心愿内容」包含无法保存的字符", loneSurrogate.Error);
        Assert.Contains("「心愿人」包含无法保存的字符", brokenName.Error);
        Assert.Contains("「心愿人」不能超过 20 字", longName.Error);
        Assert.Equal("估值应为 0 到 100000 元。", negative.Error);
        Assert.Equal(before, await CountAsync(db));
    }

    [Fact]
    public async Task AVisitOrFulfilmentNote_LongerThanItsColumn_IsRefused_AndWritesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var id = await ClaimedAsync(db, wishes);
        var before = await CountAsync(db);

        var longFulfilment = await wishes.FulfilAsync(shuji, id, new string('送', 501), null, false);
        Assert.Contains("「完成情况」不能超过 500 字", longFulfilment.Error);
        Assert.Equal(before, await CountAsync(db));

        Assert.True((await wishes.FulfilAsync(shuji, id, new string('送', 500), null, false)).Ok);
        before = await CountAsync(db);
        var longVisit = await wishes.VisitAsync(shuji, id, new string('访', 501));
        var brokenVisit = await wishes.VisitAsync(shuji, id, "老人很满意\uD83D");

        Assert.Contains("「回访记录」不能超过 500 字", longVisit.Error);
        Assert.Contains("「回访记录」包含无法保存的字符", brokenVisit.Error);
        Assert.Equal(before, await CountAsync(db));
        Assert.True((await wishes.VisitAsync(shuji, id, new string('访', 500))).Ok);
    }

    [Fact]
    public async Task TheLedgerNoteOfAWishAtFullLength_FitsItsColumn_AndNeverSplitsAnEmoji()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var content = new string('书', 195) + "😀" + "包包包"; // 200 units; "微心愿：" pushes the emoji across 200
        var id = await ClaimedAsync(db, wishes, content);

        var result = await wishes.FulfilAsync(shuji, id, "已送达", null, creditClaimer: true);

        Assert.True(result.Ok, result.Error);
        await using var conn = await db.Factory.OpenAsync();
        var note = await conn.ExecuteScalarAsync<string>("SELECT Note FROM PointEntry WHERE WishId = @id AND Source = 'Wish';", new { id });
        Assert.Equal("微心愿：" + new string('书', 195), note); // PointEntry.Note is NVARCHAR(200)
    }

    [Fact]
    public async Task AFulfilmentWhoseStatusChangedUnderIt_IsRefused_AndWritesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var id = await ClaimedAsync(db, wishes);
        await using (var conn = await db.Factory.OpenAsync())
        {
            // Another user fulfils the wish between this command's read and its update, as it can on SQL Server
            // (SQLite serializes writers, so it is staged here): the conditional update then changes no row.
            await conn.ExecuteAsync("CREATE TRIGGER LostRace BEFORE UPDATE OF Status ON MicroWish BEGIN SELECT RAISE(IGNORE); END;");
        }
        var before = await CountAsync(db);

        var result = await wishes.FulfilAsync(shuji, id, "已送达", null, creditClaimer: true);

        Assert.False(result.Ok);
        Assert.Equal("这个微心愿已经完成。", result.Error);
        Assert.Equal(before, await CountAsync(db));
    }

    [Fact]
    public async Task ACreditThatAnotherUserRecordedFirst_IsRefusedWithAChineseMessage_AndWritesNothing()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var id = await ClaimedAsync(db, wishes);
        await using (var conn = await db.Factory.OpenAsync())
        {
            // Another user's credit lands between the "already credited?" check and the insert: the unique index
            // UX_PointEntry_WishMember is the last guard, and its error must reach the user as Chinese, not raw.
            await conn.ExecuteAsync("""
                CREATE TRIGGER RaceCredit BEFORE INSERT ON PointEntry WHEN NEW.Source = 'Wish'
                BEGIN
                    INSERT INTO PointEntry (MemberId, CategoryId, Points, OccurredOn, Source, RuleId, WishId, RecordedAt, Note)
                    VALUES (NEW.MemberId, NEW.CategoryId, NEW.Points, NEW.OccurredOn, 'Wish', NEW.RuleId, NEW.WishId, NEW.RecordedAt, 'race');
                END;
                """);
        }
        var before = await CountAsync(db);

        var result = await wishes.FulfilAsync(shuji, id, "已送达", null, creditClaimer: true);

        Assert.False(result.Ok);
        Assert.Equal("认领的志愿者已由他人同时记分，请刷新后查看。", result.Error);
        Assert.Equal(before, await CountAsync(db));
        Assert.Equal("Claimed", (await new WishDetailQueries(db.Factory).DetailAsync(id))!.Value.Wish.Status);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.ProvidersWithSnapshot), MemberType = typeof(TestDatabase))]
    public async Task TenParallelFulfilments_OfOneWish_ExactlyOneSucceeds_AndTheOthersAreToldItIsDone(DatabaseProvider provider, bool readCommittedSnapshot)
    {
        await using var db = await TestDatabase.WithAccountsAsync(provider, readCommittedSnapshot);
        var shuji = await db.ActorAsync("shuji");
        var wishes = new WishCommands(db.Factory, db.Clock);
        var id = await ClaimedAsync(db, wishes);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => wishes.FulfilAsync(shuji, id, $"送达-{i}", null, creditClaimer: true))));

        Assert.Equal(1, results.Count(r => r.Ok));
        Assert.All(results.Where(r => !r.Ok), r => Assert.Equal("这个微心愿已经完成。", r.Error));
        await using var conn = await db.Factory.OpenAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM WishStatusHistory WHERE WishId = @id AND ToStatus = 'Fulfilled';", new { id }));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PointEntry WHERE WishId = @id AND Source = 'Wish';", new { id }));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM AuditLog WHERE Action = 'Wish.Fulfil' AND EntityType = 'MicroWish' AND EntityId = @Id;", new { Id = id.ToString() }));
    }
}
