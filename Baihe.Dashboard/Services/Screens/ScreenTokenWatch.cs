using Baihe.Data.Screens;

namespace Baihe.Dashboard.Services.Screens;

/// <summary>
/// Keeps re-checking an open big screen's display token, so a revoked token stops the screen within seconds on every
/// server: on each change-feed tick (a revocation moves the Screens area, so that is within about a second) and on a
/// timer besides (<see cref="RecheckInterval"/>, in case the feed is quiet or a poll failed). Each check hands the
/// page the token's current scope (null: refuse) and the areas that moved, so the page reloads its figures too.
/// </summary>
public sealed class ScreenTokenWatch : IDisposable
{
    /// <summary>The longest time between two checks of the token; with the query's own time, under the promised 5 s.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(3);

    private static readonly IReadOnlySet<string> NoAreas = new HashSet<string>();

    private readonly DisplayTokenQueries _tokens;
    private readonly ChangeFeed _feed;
    private readonly string? _token;
    private readonly Func<ScreenScope?, IReadOnlySet<string>, Task> _checked;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _one = new(1, 1);

    public ScreenTokenWatch(DisplayTokenQueries tokens, ChangeFeed feed, string? token, Func<ScreenScope?, IReadOnlySet<string>, Task> onChecked,
        ILogger log, TimeSpan? interval = null)
    {
        _tokens = tokens;
        _feed = feed;
        _token = token;
        _checked = onChecked;
        _log = log;
        _feed.Changed += OnFeedChanged;
        _ = TimerAsync(interval ?? RecheckInterval);
    }

    /// <summary>Checks the token now (after a reconnection, say) as if every area had moved.</summary>
    public Task CheckNowAsync(IReadOnlySet<string>? areas = null) => CheckAsync(areas ?? NoAreas);

    // Off the polling thread: one screen's check must not hold up the feed for every other page.
    private void OnFeedChanged(IReadOnlySet<string> areas) => _ = CheckAsync(areas);

    private async Task TimerAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await CheckAsync(NoAreas);
            }
        }
        catch (OperationCanceledException)
        {
            // The screen closed.
        }
    }

    private async Task CheckAsync(IReadOnlySet<string> areas)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        try
        {
            // One check at a time per screen; a feed tick during a timer check waits rather than doubles the work.
            await _one.WaitAsync(_stop.Token);
            try
            {
                var scope = await _tokens.ResolveAsync(_token, _stop.Token);
                await _checked(scope, areas);
            }
            finally
            {
                _one.Release();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The screen closed meanwhile.
        }
        catch (ObjectDisposedException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A database hiccup keeps the screen as it is; the next tick checks again.
            _log.LogWarning(e, "Display token re-check failed");
        }
    }

    public void Dispose()
    {
        _feed.Changed -= OnFeedChanged;
        _stop.Cancel();
    }
}
