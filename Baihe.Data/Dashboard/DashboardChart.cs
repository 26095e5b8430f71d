namespace Baihe.Data.Dashboard;

/// <summary>
/// A chart as data, independent of the drawing library: a stable <see cref="Key"/>, a Chinese title and a caption
/// that says what is counted, the categories along the axis and the series drawn over them, in <see cref="Unit"/>.
/// </summary>
public sealed record DashboardChart(
    string Key,
    string Title,
    string Caption,
    ChartShape Shape,
    string Unit,
    IReadOnlyList<string> Categories,
    IReadOnlyList<DashboardSeries> Series);
