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
    /// <summary>结果 of the feedback stage, confirmed at the callback: 解决, 部分解决, 未解决.</summary>
    public const string ResultResolved = "Resolved";
    public const string ResultPartial = "Partial";
    public const string ResultUnresolved = "Unresolved";

    /// <summary>满意度 of the callback: 满意, 基本满意, 不满意, 未评价 (reached, but the resident gave no rating).</summary>
    public const string Satisfied = "Satisfied";
    public const string Basic = "Basic";
    public const string Dissatisfied = "Dissatisfied";
    public const string Unrated = "Unrated";

    public static readonly IReadOnlyList<string> Results = [ResultResolved, ResultPartial, ResultUnresolved];
    public static readonly IReadOnlyList<string> Satisfactions = [Satisfied, Basic, Dissatisfied, Unrated];

    /// <summary>
    /// Whether a callback with this result and rating closes the task (办结). 部分解决, 未解决 or 不满意 send it back to
    /// 分办任务 instead, so "closed, not fixed" never counts as done; 未评价 with 解决 closes, as the resident had nothing
    /// to object to.
    /// </summary>
    public static bool Closes(string result, string satisfaction) => result == ResultResolved && satisfaction != Dissatisfied;
    public static readonly IReadOnlyList<string> Categories = ["水电维修", "环境卫生", "邻里纠纷", "生活帮扶", "安全隐患", "设施维护", "政策咨询", "其他"];
}
