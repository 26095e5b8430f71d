
namespace Baihe.Dashboard.Services;

/// <summary>
/// Coalesces bursts: the first notice starts a short window and every notice inside it joins the same single reload,
/// so 100 writes in a second cause about one reload per page.
/// </summary>
public sealed class Debouncer(TimeSpan window, Func<Task> action, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private int _pending;

    /// <summary>Asks for the action; returns at once. The action runs once per window however many times this is called.</summary>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        await Task.Delay(window, _time);
        Interlocked.Exchange(ref _pending, 0);
        await action();
    }
}
