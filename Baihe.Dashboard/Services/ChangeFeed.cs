using Baihe.Data.Database;

namespace Baihe.Dashboard.Services;

/// <summary>
/// Polls the database's change versions four times a second (one poll per server, not per page) and tells subscribed
/// pages which areas changed. Polling the database rather than raising an in-process event is what lets every server
/// over one database see every write. A poll reads the ChangeVersion table's handful of rows (well under a millisecond),
/// so polling often costs the server almost nothing, and the interval is most of the delay between a write and every
/// open page redrawing it.
/// </summary>
public sealed class ChangeFeed(ChangeFeedQueries queries, ILogger<ChangeFeed> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private IReadOnlyDictionary<string, long>? _last;
    private long _generation;

    /// <summary>Moves on every poll that saw a change, before <see cref="Changed"/> is raised; loads cached under an older value are stale.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Raised on the polling thread with the areas whose version moved.</summary>
    public event Action<IReadOnlySet<string>>? Changed;

    /// <summary>Compares one poll with the last and raises <see cref="Changed"/> when something moved.</summary>
    public async Task PollOnceAsync(CancellationToken ct = default)
    {
        var now = await queries.VersionsAsync(ct);
        var previous = _last;
        _last = now;
        if (previous is null)
        {
            return;
        }
        var moved = now.Where(kv => previous.GetValueOrDefault(kv.Key) != kv.Value).Select(kv => kv.Key).ToHashSet();
        if (moved.Count > 0)
        {
            Interlocked.Increment(ref _generation);
            Changed?.Invoke(moved);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database hiccup must not stop the feed; the next tick tries again.
                log.LogWarning(e, "Change feed poll failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
