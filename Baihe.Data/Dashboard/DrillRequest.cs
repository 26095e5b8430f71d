namespace Baihe.Data.Dashboard;

/// <summary>
/// A click on a chart or a table cell: the series' <see cref="Metric"/> (a <see cref="DrillMetrics"/> name), the
/// clicked <see cref="Bucket"/> (see <see cref="DrillBucket"/>) and the filter the chart was drawn under.
/// </summary>
public sealed record DrillRequest(string Metric, string Bucket, DashboardFilter Filter);
