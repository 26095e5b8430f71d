namespace Baihe.Data.Dashboard;

/// <summary>How the dashboard's period was chosen: a calendar year, a half-year, a month, or a day range.</summary>
public enum PeriodKind
{
    /// <summary>A calendar year (<c>period=2026</c>).</summary>
    Year,

    /// <summary>A half-year of 一年两评选 (<c>period=2026H1</c>).</summary>
    Half,

    /// <summary>A calendar month (<c>period=2026-10</c>).</summary>
    Month,

    /// <summary>A day range, both ends inclusive for the user (<c>from=2026-03-05&amp;to=2026-04-20</c>).</summary>
    Range,
}
