namespace Baihe.Dashboard.Components.Shared;

/// <summary>
/// How the pages write dates and months. The labels of stored codes live beside their codes in Baihe.Data
/// (TaskLabels, WishLabels, TeamLabels, PointsLabels), where the report reads them too.
/// </summary>
public static class Labels
{
    /// <summary>"2026年3月" style month label from a yyyyMM key; the short form is "3月".</summary>
    public static string Month(int key, bool withYear = false) =>
        withYear ? $"{key / 100}年{key % 100}月" : $"{key % 100}月";

    public static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd") ?? "";

    public static string DateTime(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm") ?? "";
}
