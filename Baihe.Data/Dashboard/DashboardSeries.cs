namespace Baihe.Data.Dashboard;

/// <summary>
/// One series of a chart. <see cref="Values"/>[i] belongs to the chart's category i; null means "no data" (a gap in a
/// line, "—" in a table), never zero. Clicking the value at i drills to (<see cref="Metric"/>, <see cref="Buckets"/>[i])
/// through <c>DrillQueries</c>, whose list counts (or sums) exactly that value.
/// </summary>
public sealed record DashboardSeries(string Name, IReadOnlyList<double?> Values, string Metric, IReadOnlyList<string> Buckets);
