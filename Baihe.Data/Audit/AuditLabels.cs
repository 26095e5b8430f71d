namespace Baihe.Data.Audit;

/// <summary>The Chinese words of the audit viewer: actions, areas, record kinds and the fields of before/after.</summary>
public static class AuditLabels
{
    /// <summary>Areas (the part of an action code before its dot) and their names, in the order the filter lists them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Areas { get; } =
    [
        new("Roster", "队伍名册"), new("Member", "居民信息"), new("Points", "积分"), new("Activity", "活动"),
        new("Evaluation", "评选"), new("Task", "居民诉求"), new("Wish", "微心愿"), new("Deliberation", "议事"),
        new("Certificate", "服务证明"), new("Report", "报表"), new("Import", "导入"), new("User", "账户"),
        new("Screen", "大屏"), new("Community", "社区"), new("Dashboard", "看板"), new("Write", "会话"), new("Audit", "操作日志"), new("Notification", "通知"),
    ];

    /// <summary>Record kinds (AuditLog.EntityType) and their names.</summary>
    public static IReadOnlyDictionary<string, string> EntityTypes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Team"] = "队伍", ["Member"] = "居民", ["Membership"] = "队员", ["Grid"] = "网格", ["Community"] = "社区",
        ["SubDistrict"] = "街道", ["ResidentTask"] = "诉求", ["MicroWish"] = "微心愿", ["Activity"] = "活动",
        ["Evaluation"] = "评选", ["Redemption"] = "兑换", ["Reward"] = "奖品", ["PointEntry"] = "积分记录",
        ["Deliberation"] = "议事", ["ServiceCertificate"] = "服务证明", ["ReportArchive"] = "报表存档",
        ["AppUser"] = "账户", ["DisplayToken"] = "大屏令牌", ["AuditLog"] = "操作日志", ["Notification"] = "通知", ["CallbackSample"] = "回访抽查记录",
    };

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["Roster.AddMember"] = "添加队员", ["Roster.ChangeRole"] = "调整队内角色", ["Roster.RecordLeave"] = "登记离队",
        ["Member.EditContact"] = "修改联系方式", ["Points.RecordService"] = "记录服务积分", ["Points.Correct"] = "更正积分",
        ["Points.Redeem"] = "积分兑换", ["Points.Fulfil"] = "兑换发放", ["Points.SaveReward"] = "保存奖品",
        ["Activity.Create"] = "创建活动", ["Activity.SaveAttendance"] = "登记签到", ["Activity.Close"] = "结束活动",
        ["Evaluation.Create"] = "创建评选", ["Evaluation.SetWinner"] = "设定评选结果", ["Evaluation.Publicise"] = "评选公示",
        ["Evaluation.Archive"] = "评选归档", ["Task.Intake"] = "登记诉求", ["Task.Triage"] = "分派诉求",
        ["Task.Assign"] = "指派队伍", ["Task.Resolve"] = "办结诉求", ["Task.Confirm"] = "回访确认", ["Task.Close"] = "关闭诉求",
        ["Task.Reopen"] = "重新打开诉求", ["Task.Credit"] = "诉求记分", ["Task.CallbackDraw"] = "抽取回访样本", ["Task.CallbackRecord"] = "记录回访结果", ["Wish.Publish"] = "发布微心愿", ["Wish.Claim"] = "认领微心愿",
        ["Wish.Fulfil"] = "实现微心愿", ["Wish.Visit"] = "回访微心愿", ["Deliberation.Record"] = "记录议事",
        ["Certificate.Issue"] = "出具服务证明", ["Certificate.Void"] = "作废服务证明", ["Certificate.SetIdentity"] = "登记证件信息",
        ["Report.Export"] = "导出报表", ["Report.Archive"] = "生成报表存档", ["Report.Download"] = "下载报表存档",
        ["Import.Commit"] = "导入名册", ["User.Create"] = "创建账户", ["User.ChangeRole"] = "调整账户角色",
        ["User.Disable"] = "停用账户", ["User.Enable"] = "启用账户", ["User.EndSessions"] = "结束所有会话",
        ["User.SetDisabled"] = "停用或启用账户", ["Screen.CreateToken"] = "创建大屏令牌", ["Screen.RevokeToken"] = "吊销大屏令牌",
        ["Community.Read"] = "查看社区", ["Audit.Export"] = "导出操作日志", ["Audit.Archive"] = "归档操作日志",
        ["Audit.Read"] = "查看操作日志", ["User.ResetPassword"] = "重置密码", ["User.ChangePassword"] = "修改密码", ["User.Lock"] = "原密码连续输错，锁定账户",
        ["Roster.OpenMember"] = "查看队员", ["Certificate.Read"] = "查看服务证明", ["Deliberation.Read"] = "查看议事",
        ["Import.Preview"] = "预览导入", ["Dashboard.Read"] = "查看看板", ["Dashboard.Drill"] = "查看下钻明细",
        ["Write.StaleSession"] = "会话已失效时的写入", ["Task.Remind"] = "催办", ["Task.Supervise"] = "督办",
        ["Notification.Read"] = "标记通知已读", ["Notification.ReadAll"] = "全部通知标为已读", ["Notification.Preferences"] = "修改通知设置",
        ["User.SetEmail"] = "设置邮箱",
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Name"] = "姓名", ["Phone"] = "电话", ["Role"] = "角色", ["Status"] = "状态", ["Note"] = "备注", ["Points"] = "积分",
        ["Balance"] = "余额", ["Reason"] = "原因", ["TeamId"] = "队伍", ["MemberId"] = "居民", ["GridId"] = "网格",
        ["CommunityId"] = "社区", ["SubDistrictId"] = "街道", ["CategoryId"] = "积分类别", ["UserName"] = "用户名",
        ["IsDisabled"] = "已停用", ["Title"] = "标题", ["Place"] = "地点", ["OccurredOn"] = "日期", ["EndsOn"] = "公示截止",
        ["Year"] = "年度", ["Half"] = "半年", ["IsWinner"] = "当选", ["PointCost"] = "所需积分", ["IsActive"] = "上架",
        ["Number"] = "编号", ["Sha256"] = "文件校验值", ["JoinedOn"] = "入队日期", ["LeftOn"] = "离队日期", ["Kind"] = "类型",
        ["Skill"] = "特长", ["Rows"] = "行数", ["Before"] = "截止日期", ["File"] = "文件", ["FileName"] = "文件名",
        ["Month"] = "月份", ["Reversal"] = "冲正记录", ["ShortlistSize"] = "候选人数", ["Shortlisted"] = "入围人数",
        ["Version"] = "版本", ["Scheduled"] = "定时生成", ["IsScheduled"] = "定时生成", ["Size"] = "大小（字节）",
        ["SizeBytes"] = "大小（字节）", ["DetailRows"] = "明细行数", ["Community"] = "社区", ["Person"] = "操作人",
        ["Action"] = "操作", ["Area"] = "业务范围", ["EntityType"] = "记录类型", ["EntityId"] = "记录编号", ["From"] = "开始日期",
        ["To"] = "结束日期", ["FirstId"] = "起始编号", ["LastId"] = "截止编号", ["ActivityId"] = "活动", ["RewardId"] = "奖品",
        ["MustChangePassword"] = "须修改密码", ["Email"] = "邮箱", ["EmailNotifications"] = "同时发送邮件", ["值"] = "值",
    };

    /// <summary>The Chinese name of an action code; a refusal reads 被拒绝：… ; an unknown code is shown as it is.</summary>
    public static string Action(string code) =>
        code.StartsWith(AuditFilter.DeniedPrefix, StringComparison.Ordinal)
            ? "被拒绝：" + Action(code[AuditFilter.DeniedPrefix.Length..])
            : Actions.GetValueOrDefault(code, code);

    /// <summary>Whether the action is a refusal.</summary>
    public static bool IsRefusal(string code) => code.StartsWith(AuditFilter.DeniedPrefix, StringComparison.Ordinal);

    /// <summary>The Chinese name of a record kind, or the code.</summary>
    public static string EntityType(string code) => EntityTypes.GetValueOrDefault(code, code);

    /// <summary>The Chinese name of an area, or the code.</summary>
    public static string Area(string code) => Areas.FirstOrDefault(a => a.Key == code).Value ?? code;

    /// <summary>The Chinese label of a before/after field, or its name.</summary>
    public static string Field(string name) => Fields.GetValueOrDefault(name, name);
}
