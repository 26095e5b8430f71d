namespace Baihe.Tests.TestSupport;

/// <summary>A clock stopped at one instant, so "this year" is the same in every run.</summary>
public sealed class FixedTimeProvider(DateTimeOffset utcNow) : TimeProvider
{
    /// <summary>2026-11-26 10:00 in China.</summary>
    public static readonly DateTimeOffset Default = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => utcNow;
}
