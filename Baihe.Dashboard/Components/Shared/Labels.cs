namespace Baihe.Dashboard.Components.Shared;

/// <summary>Chinese labels for the English codes the database stores.</summary>
public static class Labels
{
    public static string Stage(string code) => code switch
    {
        "Collected" => "收集信息",
        "Identified" => "发现问题",
        "Assigned" => "分办任务",
        "Resolved" => "反馈结果",
        "Closed" => "办结",
        _ => code,
    };

    public static string Source(string code) => code switch
    {
        "GridVisit" => "网格员走访",
        "Snapshot" => "随手拍",
        "Deliberation" => "议事会",
        "Hotline" => "热线",
        "WalkIn" => "上门",
        _ => code,
    };

    public static string Urgency(string? code) => code switch
    {
        "Urgent" => "紧急",
        "High" => "较急",
        "Normal" => "一般",
        null => "待研判",
        _ => code,
    };

    public static string Satisfaction(string? code) => code switch
    {
        "Satisfied" => "满意",
        "Basic" => "基本满意",
        "Dissatisfied" => "不满意",
        _ => "",
    };

    public static string WishStatus(string code) => code switch
    {
        "Published" => "待认领",
        "Claimed" => "已认领",
        "Fulfilled" => "已完成",
        "Visited" => "已回访",
        _ => code,
    };

    public static string WisherKind(string code) => code switch
    {
        "Elderly" => "老人",
        "Child" => "困境儿童",
        _ => "其他",
    };

    public static string Role(string code) => code switch
    {
        "Lead" => "队长",
        "Deputy" => "副队长",
        "Member" => "队员",
        _ => code,
    };

    public static string TeamKind(string code) => code switch
    {
        "VolunteerService" => "志愿服务队",
        "InterestGroup" => "兴趣队伍",
        _ => code,
    };

    /// <summary>"2026年3月" style month label from a yyyyMM key; the short form is "3月".</summary>
    public static string Month(int key, bool withYear = false) =>
        withYear ? $"{key / 100}年{key % 100}月" : $"{key % 100}月";

    public static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd") ?? "";

    public static string DateTime(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm") ?? "";
}
