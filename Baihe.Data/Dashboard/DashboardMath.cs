namespace Baihe.Data.Dashboard;

/// <summary>How a rate is shown: a percentage with one decimal, null when there is nothing to divide by.</summary>
internal static class DashboardMath
{
    public static double? Percent(double? rate) => rate is double r ? Math.Round(r * 100, 1) : null;

    public static string Community(int id) => "community=" + id;
}
