namespace Baihe.Dashboard.Services.Reports;

/// <summary>Settings of the monthly report schedule (section <c>Reports:Schedule</c> of the configuration).</summary>
public sealed record ReportScheduleOptions
{
    /// <summary>Whether this server takes part in the schedule. Every server may; the lease lets one run it.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The day of the month it runs on, in China time (1–28).</summary>
    public int DayOfMonth { get; init; } = 1;

    /// <summary>The hour it runs at, in China time (0–23).</summary>
    public int Hour { get; init; } = 6;

    /// <summary>How long after start-up the catch-up check runs, so a starting server serves pages first.</summary>
    public int StartDelaySeconds { get; init; } = 30;

    /// <summary>How long the lease lasts; the holder renews it after each report. Another server takes over once it runs out.</summary>
    public int LeaseMinutes { get; init; } = 10;

    /// <summary>How many missed months a start-up catches up at most (the newest ones).</summary>
    public int CatchUpMonths { get; init; } = 3;
}
