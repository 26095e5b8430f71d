using Baihe.Dashboard.Services;
using Baihe.Data.Points;
using Baihe.Data.Teams;
using Baihe.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

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
