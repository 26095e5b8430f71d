using Baihe.Data.Tasks;
using Baihe.Data.Teams;
using Baihe.Data.Wishes;

namespace Baihe.Dashboard.Components.Shared;

/// <summary>
/// The pages' shorthand for display text: dates and months as the dashboard formats them, and the labels of stored
/// codes, which are defined once beside their codes in Baihe.Data (<see cref="TaskLabels"/>, <see cref="WishLabels"/>,
/// <see cref="TeamLabels"/>) so that the report and other services need no UI namespace.
/// </summary>
public static class Labels
{
    public static string Stage(string code) => TaskLabels.Stage(code);

    public static string Source(string code) => TaskLabels.Source(code);

    public static string Urgency(string? code) => TaskLabels.Urgency(code);

    public static string Satisfaction(string? code) => TaskLabels.Satisfaction(code);

    public static string WishStatus(string code) => WishLabels.Status(code);

    public static string WisherKind(string code) => WishLabels.WisherKind(code);

    public static string Role(string code) => TeamLabels.Role(code);

    public static string TeamKind(string code) => TeamLabels.Kind(code);

    /// <summary>"2026年3月" style month label from a yyyyMM key; the short form is "3月".</summary>
    public static string Month(int key, bool withYear = false) =>
        withYear ? $"{key / 100}年{key % 100}月" : $"{key % 100}月";

    public static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd") ?? "";

    public static string DateTime(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm") ?? "";
}
