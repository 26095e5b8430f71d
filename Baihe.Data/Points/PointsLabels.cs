namespace Baihe.Data.Points;

/// <summary>Chinese labels for the codes of the points ledger, redemptions and evaluations, beside <see cref="PointSource"/>.</summary>
public static class PointsLabels
{
    public static string Source(string code) => code switch
    {
        "Service" => "单次服务",
        "Activity" => "活动",
        "Task" => "民呼我应",
        "Wish" => "微心愿",
        "Redemption" => "兑换",
        "Correction" => "冲正",
        _ => code,
    };

    public static string RedemptionStatus(string code) => code == "Fulfilled" ? "已兑现" : "待兑现";

    public static string EvaluationStatus(string code) => code switch
    {
        "Draft" => "评选中",
        "Publicised" => "公示中",
        "Archived" => "已归档",
        _ => code,
    };

    public static string Half(int year, int half) => $"{year}年{(half == 1 ? "上半年" : "下半年")}";
}
