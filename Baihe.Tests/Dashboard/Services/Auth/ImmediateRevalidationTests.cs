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

    [Fact]
    public async Task AnOpenCircuitOfADisabledUser_BecomesAnonymousWithinFiveSeconds()
    {
        await using var db = await TestDatabase.WithAccountsAsync();
        var users = new UserQueries(db.Factory);
        var commands = new UserCommands(db.Factory, db.Clock);
        var signIn = new SignInService(users, commands, db.Clock, NullLogger<SignInService>.Instance);
        var feed = new ChangeFeed(new ChangeFeedQueries(db.Factory), NullLogger<ChangeFeed>.Instance);
        using var provider = new RevalidatingAuthStateProvider(NullLoggerFactory.Instance, signIn, feed);
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
        var users = new UserQueries(db.Factory);
        var commands = new UserCommands(db.Factory, db.Clock);
        var signIn = new SignInService(users, commands, db.Clock, NullLogger<SignInService>.Instance);
        var feed = new ChangeFeed(new ChangeFeedQueries(db.Factory), NullLogger<ChangeFeed>.Instance);
        using var provider = new RevalidatingAuthStateProvider(NullLoggerFactory.Instance, signIn, feed);
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
