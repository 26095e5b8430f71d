namespace Baihe.Tests.TestSupport;

/// <summary>
/// The system clock plus an offset the test moves forward: "now" jumps (a deadline passes at once) while timers still
/// run in real time, so a whole app (sign-in, live pages, debouncers) keeps working around the jump.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves "now" forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
