namespace Baihe.Data.Dashboard;

/// <summary>How a <see cref="DashboardChart"/> is drawn.</summary>
public enum ChartShape
{
    /// <summary>Bars, one group per category, one bar per series.</summary>
    Bar,

    /// <summary>Bars whose series are stacked on each other.</summary>
    StackedBar,

    /// <summary>Lines; a null value is a gap, not a drop to zero.</summary>
    Line,

    /// <summary>A ring of the first series' values across the categories.</summary>
    Donut,
}
