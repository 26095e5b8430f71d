using Baihe.Data.Dashboard;

namespace Baihe.Dashboard.Components.Shared.Charts;

/// <summary>The one spelling of a drill-down link: the list behind a charted value, under the filter it was drawn with.</summary>
public static class DrillLinks
{
    /// <summary>
    /// <c>drill?metric=…&amp;bucket=…&amp;&lt;filter&gt;</c> for the value at <paramref name="index"/> of
    /// <paramref name="series"/>, or null when the series or that value leads nowhere (no metric, no bucket, no value).
    /// </summary>
    public static string? For(DashboardSeries series, int index, DashboardFilter filter)
    {
        if (string.IsNullOrEmpty(series.Metric) || index < 0 || index >= series.Buckets.Count || index >= series.Values.Count
            || series.Values[index] is null || string.IsNullOrEmpty(series.Buckets[index]))
        {
            return null;
        }
        return For(series.Metric, series.Buckets[index], filter);
    }

    /// <summary>The drill-down link for a metric and bucket (a tile's or a table cell's figure).</summary>
    public static string For(string metric, string bucket, DashboardFilter filter) =>
        $"drill?metric={Uri.EscapeDataString(metric)}&bucket={Uri.EscapeDataString(bucket)}&{filter.ToQuery()}";
}
