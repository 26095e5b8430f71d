namespace Baihe.Data.Wishes;

/// <summary>Chinese labels for the codes a micro-wish (微心愿) stores.</summary>
public static class WishLabels
{
    public static string Status(string code) => code switch
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
}
