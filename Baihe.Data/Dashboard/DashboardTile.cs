namespace Baihe.Data.Dashboard;

/// <summary>A figure tile of the community overview, with the drill-down it opens (<see cref="Metric"/>, <see cref="Bucket"/>).</summary>
public sealed record DashboardTile(string Key, string Title, double? Value, string Unit, string Metric, string Bucket);
