using Baihe.Dashboard.Services;

namespace Baihe.Tests.Dashboard.Services;

public class ReconnectNotifierTests
{
    [Fact]
    public async Task OnlyAReconnection_AsksPagesToReload()
    {
        var notifier = new ReconnectNotifier();
        var reloads = 0;
        notifier.Reconnected += () => { reloads++; return Task.CompletedTask; };

        await notifier.OnConnectionUpAsync(null!, default);
        var afterFirst = reloads;
        await notifier.OnConnectionUpAsync(null!, default);
        await notifier.OnConnectionUpAsync(null!, default);

        Assert.Equal(0, afterFirst);
        Assert.Equal(2, reloads);
    }
}
