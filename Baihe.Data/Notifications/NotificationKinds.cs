namespace Baihe.Data.Notifications;

/// <summary>The kinds of notification (as stored in <c>Notification.Kind</c>), with the Chinese words the pages show.</summary>
public static class NotificationKinds
{
    /// <summary>A task was assigned to my team (to the team's leads).</summary>
    public const string TaskAssigned = "TaskAssigned";

    /// <summary>My team claimed a wish (to the team's leads and the community's secretary).</summary>
    public const string WishClaimed = "WishClaimed";

    /// <summary>催办: a task's stage has used a share of its time without moving (the handler team's leads and the secretary).</summary>
    public const string TaskRemind = "TaskRemind";

    /// <summary>督办: a task is past its due time (the secretary and the officials of the 街道).</summary>
    public const string TaskSupervise = "TaskSupervise";

    /// <summary>A monthly report was stored in the archive (the community's secretary; a roll-up, the 街道's officials).</summary>
    public const string ReportReady = "ReportReady";

    /// <summary>An evaluation went into 公示 (the community's secretary and the leads of the winners' teams).</summary>
    public const string EvaluationPublicised = "EvaluationPublicised";

    /// <summary>Every kind, in the order the settings page lists them.</summary>
    public static readonly IReadOnlyList<string> All = [TaskAssigned, WishClaimed, TaskRemind, TaskSupervise, ReportReady, EvaluationPublicised];

    /// <summary>The short Chinese name of a kind.</summary>
    public static string Label(string kind) => kind switch
    {
        TaskAssigned => "任务分派",
        WishClaimed => "心愿认领",
        TaskRemind => "催办",
        TaskSupervise => "督办",
        ReportReady => "月报生成",
        EvaluationPublicised => "评选公示",
        _ => kind,
    };

    /// <summary>What a kind is about, in the words of the settings page.</summary>
    public static string Description(string kind) => kind switch
    {
        TaskAssigned => "民呼我应任务分派给我的队伍",
        WishClaimed => "我的队伍认领了微心愿",
        TaskRemind => "承办的任务已过办理时限的一部分仍未推进",
        TaskSupervise => "任务已超过办理期限，进入督办",
        ReportReady => "社区月报已生成并存档",
        EvaluationPublicised => "积分评选进入公示",
        _ => kind,
    };
}
