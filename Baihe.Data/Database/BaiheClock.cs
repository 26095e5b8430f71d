namespace Baihe.Data.Database;

/// <summary>
/// The community's wall clock. Baihe runs for one place, so "today" and "this year" are China Standard Time
/// whatever the server's zone; timestamps are stored as that local time.
/// </summary>
public sealed class BaiheClock(TimeProvider time)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The current local time in China, to the second.</summary>
    public DateTime Now
    {
        get
        {
            var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), China).DateTime;
            return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        }
    }

    /// <summary>Today's date in China.</summary>
    public DateTime Today => Now.Date;

    /// <summary>The calendar year up to now.</summary>
    public Period ThisYear => Period.Year(Today.Year);
}
