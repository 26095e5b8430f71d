using Baihe.Dashboard.Components.Shared;
using Baihe.Dashboard.Services;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Dashboard.Shared;

public class LiveUpdatesTests
{
    [Fact]
    public async Task APageLiveOnPoints_ReloadsForAPointsWrite_ButNotForARosterWrite()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        await using var ctx = BunitTestContext.Create();
        ctx.Services.AddSingleton(db.Factory);
        ctx.Services.AddSingleton(db.Clock);
        ctx.Services.AddSingleton<ChangeFeedQueries>();
        ctx.Services.AddSingleton<ChangeFeed>();
        ctx.Services.AddScoped<ReconnectNotifier>();
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var feed = ctx.Services.GetRequiredService<ChangeFeed>();
        await feed.PollOnceAsync();
        var refreshes = 0;
        var cut = ctx.Render<LiveUpdates>(p => p
            .Add(c => c.Areas, ["Points"])
            .Add(c => c.OnRefresh, () => { refreshes++; }));
        Assert.Contains("更新于", cut.Markup);

        await BumpAsync(db, "Roster");
        await feed.PollOnceAsync();
        // Longer than the debounce window: a wrongly accepted roster notice would have reloaded by now.
        await Task.Delay(LiveUpdates.Debounce * 2 + TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, refreshes);

        await BumpAsync(db, "Points");
        await feed.PollOnceAsync();
        cut.WaitForAssertion(() => Assert.Equal(1, refreshes), TimeSpan.FromSeconds(5));
    }

    private static async Task BumpAsync(TestDatabase db, string area)
    {
        await using var conn = await db.Factory.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await Journal.BumpAsync(conn, tx, area, db.Clock.Now);
        await tx.CommitAsync();
    }
}
