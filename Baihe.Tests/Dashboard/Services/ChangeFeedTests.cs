using Baihe.Dashboard.Services;
using Baihe.Data.Database;
using Baihe.Data.Points;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baihe.Tests.Dashboard.Services;

public class ChangeFeedTests
{
    [Fact]
    public async Task Debounce_TurnsABurstIntoOneReload()
    {
        var time = new FakeTimeProvider();
        var runs = 0;
        var debouncer = new Debouncer(TimeSpan.FromMilliseconds(300), () => { Interlocked.Increment(ref runs); return Task.CompletedTask; }, time);

        for (var i = 0; i < 100; i++)
        {
            debouncer.Notify();
        }
        Assert.Equal(0, runs);
        time.Advance(TimeSpan.FromMilliseconds(300));
        await WaitUntilAsync(() => runs == 1);

        debouncer.Notify();
        time.Advance(TimeSpan.FromMilliseconds(300));
        await WaitUntilAsync(() => runs == 2);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task APoll_ReportsTheAreasAWriteChanged()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var feed = new ChangeFeed(new ChangeFeedQueries(db.Factory), NullLogger<ChangeFeed>.Instance);
        var seen = new List<IReadOnlySet<string>>();
        feed.Changed += seen.Add;
        await feed.PollOnceAsync();

        await new LedgerCommands(db.Factory, db.Clock).RecordServiceAsync(await db.ActorAsync("shuji"), 1, 3, db.Clock.Today, "测试");
        await feed.PollOnceAsync();
        await feed.PollOnceAsync();

        var change = Assert.Single(seen);
        Assert.Equal(["Points"], change);
    }

    [Fact]
    public async Task AWriteThroughOneServer_ReachesASubscriberOfAnotherWithinTwoSeconds()
    {
        await using var first = new AppFactory();
        using (first.NoRedirectClient())
        {
        }
        await using var second = new AppOverFile(first.DatabaseFile);
        using (second.NoRedirectClient())
        {
        }
        var reached = new TaskCompletionSource<IReadOnlySet<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        second.Services.GetRequiredService<ChangeFeed>().Changed += areas => reached.TrySetResult(areas);
        // Let the second server's feed take its first reading before the write.
        await Task.Delay(ChangeFeed.Interval + TimeSpan.FromMilliseconds(200));

        var roster = first.Services.GetRequiredService<RosterCommands>();
        var users = first.Services.GetRequiredService<Baihe.Data.Accounts.UserQueries>();
        var shuji = Baihe.Dashboard.Services.Auth.BaiheClaims.ToActor(Baihe.Dashboard.Services.Auth.BaiheClaims.Principal((await users.FindByUserNameAsync("shuji"))!, "test"))!;
        var clock = first.Services.GetRequiredService<BaiheClock>();
        var started = DateTime.UtcNow;
        var added = await roster.AddMemberAsync(shuji, 1, new AddMemberRequest { Name = "两台服务器", GridId = 1, JoinedOn = clock.Today });
        var areas = await reached.Task.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.True(added.Ok, added.Error);
        Assert.Contains("Roster", areas);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Yield();
            await Task.Delay(1);
        }
        Assert.True(condition());
    }
}
