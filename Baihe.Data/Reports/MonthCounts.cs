namespace Baihe.Data.Reports;

/// <summary>The month's counts for 概览 that the dashboard's overview query does not already give.</summary>
public sealed record MonthCounts
{
    /// <summary>在册人数 (<see cref="Dashboard.TileDefinitions.OnRoster"/>) at the month's end.</summary>
    public int Members { get; init; }
    public int PointsRedeemed { get; init; }
    public int TasksReceived { get; init; }
    public int TasksOnTime { get; init; }
    public int TasksSatisfied { get; init; }
    public int WishesPublished { get; init; }
}
