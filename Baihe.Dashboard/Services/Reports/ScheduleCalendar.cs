using System.Globalization;

namespace Baihe.Dashboard.Services.Reports;

/// <summary>
/// When the monthly run is due, in China time whatever the server's zone: the run of month M is due at
/// <see cref="ReportScheduleOptions.Hour"/> on <see cref="ReportScheduleOptions.DayOfMonth"/> of month M+1.
/// </summary>
public sealed class ScheduleCalendar(ReportScheduleOptions options)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The latest month whose run is due at <paramref name="utcNow"/> (yyyy-MM).</summary>
    public string DueMonth(DateTimeOffset utcNow)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, China).DateTime;
        var thisMonthsRun = new DateTime(local.Year, local.Month, Day, options.Hour, 0, 0);
        var monthStart = new DateTime(local.Year, local.Month, 1);
        var due = local >= thisMonthsRun ? monthStart.AddMonths(-1) : monthStart.AddMonths(-2);
        return due.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    /// <summary>The first run time strictly after <paramref name="utcNow"/>, as a UTC instant.</summary>
    public DateTimeOffset NextRun(DateTimeOffset utcNow)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, China).DateTime;
        var run = new DateTime(local.Year, local.Month, Day, options.Hour, 0, 0, DateTimeKind.Unspecified);
        if (run <= local)
        {
            run = run.AddMonths(1);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(run, China), TimeSpan.Zero);
    }

    /// <summary>The months after <paramref name="lastCompleted"/> up to and including <paramref name="due"/>, at most <paramref name="limit"/> (the newest).</summary>
    public static IReadOnlyList<string> MonthsToRun(string? lastCompleted, string due, int limit)
    {
        var end = DateTime.ParseExact(due, "yyyy-MM", CultureInfo.InvariantCulture);
        if (lastCompleted is null)
        {
            return [due];
        }
        var months = new List<string>();
        for (var m = end; months.Count < Math.Max(1, limit) && string.CompareOrdinal(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), lastCompleted) > 0; m = m.AddMonths(-1))
        {
            months.Insert(0, m.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }
        return months;
    }

    private int Day => Math.Clamp(options.DayOfMonth, 1, 28);
}
