using System.Globalization;

namespace Baihe.Data.Certificates;

/// <summary>
/// Service time as the dashboard shows it. Stored as whole minutes (exact sums on both engines); shown as hours with at
/// most two decimals, so 2 h 30 min reads 2.5 and 45 min reads 0.75.
/// </summary>
public static class ServiceHours
{
    /// <summary>Minutes as hours, e.g. "36.5".</summary>
    public static string Format(int minutes) => (minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Hours typed by a person (0.5 steps or finer) as whole minutes.</summary>
    public static int ToMinutes(decimal hours) => (int)Math.Round(hours * 60m, MidpointRounding.AwayFromZero);

    /// <summary>A time of day in minutes after midnight as "09:30".</summary>
    public static string Clock(int minuteOfDay) => $"{minuteOfDay / 60:00}:{minuteOfDay % 60:00}";
}
