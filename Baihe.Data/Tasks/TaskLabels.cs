namespace Baihe.Data.Tasks;

/// <summary>Chinese labels for the codes a resident task (民呼我应) stores, beside <see cref="TaskCodes"/>.</summary>
public static class TaskLabels
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
        "Unrated" => "未评价",
        _ => "",
    };

    public static string Result(string? code) => code switch
    {
        "Resolved" => "解决",
        "Partial" => "部分解决",
        "Unresolved" => "未解决",
        _ => "",
    };
}
