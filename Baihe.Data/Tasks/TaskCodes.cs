namespace Baihe.Data.Tasks;

/// <summary>The codes the 民呼我应 loop stores, with the choices the UI offers.</summary>
public static class TaskCodes
{
    public const string Collected = "Collected";
    public const string Identified = "Identified";
    public const string Assigned = "Assigned";
    public const string Resolved = "Resolved";
    public const string Closed = "Closed";

    public static readonly IReadOnlyList<string> Sources = ["GridVisit", "Snapshot", "Deliberation", "Hotline", "WalkIn"];
    public static readonly IReadOnlyList<string> Urgencies = ["Urgent", "High", "Normal"];
    public static readonly IReadOnlyList<string> Satisfactions = ["Satisfied", "Basic", "Dissatisfied"];
    public static readonly IReadOnlyList<string> Categories = ["水电维修", "环境卫生", "邻里纠纷", "生活帮扶", "安全隐患", "设施维护", "政策咨询", "其他"];
}
