namespace Baihe.Dashboard.Components.Shared;

/// <summary>
/// Lets an action run once at a time within a page: Blazor dispatches a second click while the first one's command
/// is still awaiting, so a double click or a double submit would otherwise run the command twice. Bind the button's
/// <c>Disabled</c> to <see cref="Busy"/> so the user also sees that the first click was taken.
/// </summary>
public sealed class OnceGuard
{
    /// <summary>True while an action runs.</summary>
    public bool Busy { get; private set; }

    /// <summary>Runs <paramref name="action"/> unless one is already running; returns false when it was skipped.</summary>
    public async Task<bool> RunAsync(Func<Task> action)
    {
        if (Busy)
        {
            return false;
        }
        Busy = true;
        try
        {
            await action();
            return true;
        }
        finally
        {
            Busy = false;
        }
    }
}
