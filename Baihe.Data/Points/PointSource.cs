namespace Baihe.Data.Points;

/// <summary>Point sources as stored in <c>PointEntry.Source</c>.</summary>
public static class PointSource
{
    public const string Service = "Service";
    public const string Activity = "Activity";
    public const string Task = "Task";
    public const string Wish = "Wish";
    public const string Redemption = "Redemption";
    public const string Correction = "Correction";
}
