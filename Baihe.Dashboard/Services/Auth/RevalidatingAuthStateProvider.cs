using System.Security.Claims;
using Baihe.Data.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Baihe.Dashboard.Services.Auth;

/// <summary>
/// Re-checks an open circuit's user as soon as the accounts change feed moves (an account disabled, a role changed,
/// sessions ended, on any server over the same database), and once a minute besides, so such a change closes open
/// pages within seconds. A user who no longer checks out becomes anonymous, which sends the page to sign-in.
/// </summary>
public sealed class RevalidatingAuthStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly SignInService _signIn;
    private readonly ChangeFeed _feed;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _disposed = new();

    public RevalidatingAuthStateProvider(ILoggerFactory loggerFactory, SignInService signIn, ChangeFeed feed)
        : base(loggerFactory)
    {
        _signIn = signIn;
        _feed = feed;
        _log = loggerFactory.CreateLogger<RevalidatingAuthStateProvider>();
        _feed.Changed += OnFeedChanged;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        _signIn.IsCurrentAsync(authenticationState.User, cancellationToken);

    private void OnFeedChanged(IReadOnlySet<string> areas)
    {
        if (areas.Contains(UserCommands.Area))
        {
            // Off the polling thread: one circuit's check must not hold up the feed for the others.
            _ = RevalidateNowAsync(_disposed.Token);
        }
    }

    private async Task RevalidateNowAsync(CancellationToken ct)
    {
        try
        {
            var state = await GetAuthenticationStateAsync();
            if (state.User.Identity?.IsAuthenticated == true && !await ValidateAuthenticationStateAsync(state, ct))
            {
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The circuit closed meanwhile.
        }
        catch (Exception e)
        {
            // The periodic check still runs; a database hiccup here must not take the circuit down.
            _log.LogWarning(e, "Immediate revalidation after an accounts change failed");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _feed.Changed -= OnFeedChanged;
            _disposed.Cancel();
        }
        base.Dispose(disposing);
    }
}
