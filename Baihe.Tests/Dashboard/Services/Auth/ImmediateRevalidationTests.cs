using System.Diagnostics;
using Baihe.Dashboard.Services;
using Baihe.Dashboard.Services.Auth;
using Baihe.Data.Accounts;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baihe.Tests.Dashboard.Services.Auth;

/// <summary>An open circuit's user is re-checked as soon as the accounts change feed moves, not at the next minute.</summary>
public class ImmediateRevalidationTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private static (UserQueries Users, UserCommands Commands, ChangeFeed Feed) Parts(TestDatabase db) =>
        (new UserQueries(db.Factory), new UserCommands(db.Factory, db.Clock), new ChangeFeed(new ChangeFeedQueries(db.Factory), NullLogger<ChangeFeed>.Instance));

    /// <summary>The provider an open circuit has, listening to the same feed the app polls.</summary>
    private static RevalidatingAuthStateProvider Provider(TestDatabase db, UserQueries users, UserCommands commands, ChangeFeed feed) =>
        new(NullLoggerFactory.Instance, new SignInService(users, commands, db.Clock, NullLogger<SignInService>.Instance), feed);

    [Fact]
    public async Task AnOpenCircuitOfADisabledUser_BecomesAnonymousWithinFiveSeconds()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (users, commands, feed) = Parts(db);
        using var provider = Provider(db, users, commands, feed);
        var lead = (await users.FindByUserNameAsync("jinjiejie"))!;
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(BaiheClaims.Principal(lead, "Cookies"))));
        await feed.PollOnceAsync();
        var signedOut = new TaskCompletionSource();
        provider.AuthenticationStateChanged += async state =>
        {
            if ((await state).User.Identity?.IsAuthenticated != true)
            {
                signedOut.TrySetResult();
            }
        };

        Assert.True((await commands.SetDisabledAsync(await db.ActorAsync("admin"), lead, true)).Ok);
        var clock = Stopwatch.StartNew();
        await feed.PollOnceAsync();

        await signedOut.Task.WaitAsync(Budget);
        Assert.True(clock.Elapsed < Budget);
        Assert.False((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task AnOpenCircuitOfAnotherUser_StaysSignedIn_WhenSomeoneElseIsDisabled()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var (users, commands, feed) = Parts(db);
        using var provider = Provider(db, users, commands, feed);
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(BaiheClaims.Principal((await users.FindByUserNameAsync("shuji"))!, "Cookies"))));
        await feed.PollOnceAsync();
        var changed = false;
        provider.AuthenticationStateChanged += _ => changed = true;

        Assert.True((await commands.SetDisabledAsync(await db.ActorAsync("admin"), (await users.FindByUserNameAsync("jinjiejie"))!, true)).Ok);
        await feed.PollOnceAsync();
        await Task.Delay(500);

        Assert.False(changed);
        Assert.True((await provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }
}
