namespace Baihe.Data.Dashboard;

/// <summary>A figure tile of the community overview, with the drill-down it opens (<see cref="Metric"/>, <see cref="Bucket"/>).</summary>
public sealed record DashboardTile(string Key, string Title, double? Value, string Unit, string Metric, string Bucket)
{
    /// <summary>The tile's own definition (the rates, whose words carry a configured value); otherwise <see cref="TileDefinitions.For"/>.</summary>
    public string? Definition { get; init; }
}
