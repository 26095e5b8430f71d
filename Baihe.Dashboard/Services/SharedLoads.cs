using System.Collections.Concurrent;
using Baihe.Data.Database;

namespace Baihe.Dashboard.Services;

/// <summary>
/// Lets the circuits that show the same figures share one load. After a write, every open 总览 of a community reloads
/// at once (the change feed tells them all); without sharing, N open pages run the same queries N times and the last
/// page redraws seconds later. A load is reused until the change feed reports the next write, or for
/// <see cref="MaxAge"/> at most, so figures that move with the clock alone (overdue tasks) stay fresh.
/// </summary>
public sealed class SharedLoads(ChangeFeed feed, BaiheClock clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    /// <summary>The value loaded for <paramref name="key"/> since the last change, or a new load shared by all who ask.</summary>
    public async Task<T> GetAsync<T>(string key, Func<Task<T>> load) where T : class
    {
        while (true)
        {
            var generation = feed.Generation;
            var now = clock.Now;
            var found = _entries.TryGetValue(key, out var entry);
            if (found && entry!.Generation == generation && entry.Expires > now && !entry.Load.Value.IsFaulted && !entry.Load.Value.IsCanceled)
            {
                return (T)await entry.Load.Value;
            }
            var fresh = new Entry(generation, now + MaxAge, new Lazy<Task<object>>(async () => await load()));
            if (found ? _entries.TryUpdate(key, fresh, entry!) : _entries.TryAdd(key, fresh))
            {
                return (T)await fresh.Load.Value;
            }
            // Another circuit stored a load in between: go round and share it.
        }
    }

    private sealed record Entry(long Generation, DateTime Expires, Lazy<Task<object>> Load);
}
