using Baihe.Data.Accounts;

namespace Baihe.Data.Tasks;

/// <summary>
/// Who may move a 民呼我应 task along, one answer per step. <see cref="TaskCommands"/> asks these inside its
/// transaction and the task pages ask the same functions before they show an action; stage checks stay with the
/// command, because they are about the task and not about the actor.
/// </summary>
public static class TaskRules
{
    /// <summary>收集信息: the community's secretary, or the lead of a team of that community (they hear residents first).</summary>
    public static bool CanIntake(Actor actor, IntakeScope place) =>
        actor.IsSecretaryOf(place.CommunityId)
        || (actor.Role == Roles.Lead && actor.TeamId is not null && place.ActorTeamCommunityId == place.CommunityId);

    /// <summary>发现问题: the community's secretary.</summary>
    public static bool CanTriage(Actor actor, TaskScope task) => actor.IsSecretaryOf(task.CommunityId);

    /// <summary>分办任务: the community's secretary.</summary>
    public static bool CanAssign(Actor actor, TaskScope task) => actor.IsSecretaryOf(task.CommunityId);

    /// <summary>反馈结果: the community's secretary, or the lead of the team the task is assigned to (they did the work).</summary>
    public static bool CanResolve(Actor actor, TaskScope task) =>
        actor.IsSecretaryOf(task.CommunityId) || (task.AssignedTeamId is int team && actor.IsLeadOf(team));

    /// <summary>The resident's confirmation (办结 or reopen): the community's secretary, who makes the follow-up call.</summary>
    public static bool CanConfirm(Actor actor, TaskScope task) => actor.IsSecretaryOf(task.CommunityId);

    /// <summary>Crediting the volunteers of a closed task: the community's secretary, who keeps the points ledger.</summary>
    public static bool CanCredit(Actor actor, TaskScope task) => actor.IsSecretaryOf(task.CommunityId);

    /// <summary>
    /// Whose 督办 list an actor reads: an administrator every community's, an official those of their 街道, a secretary
    /// their own community's; a lead has none (their team hears of 催办 instead). <see cref="SupervisionQueries"/>
    /// filters by the same ids.
    /// </summary>
    public static SupervisionView? SupervisionViewFor(Actor actor) => actor.Role switch
    {
        Roles.Admin => new SupervisionView(true, null, null),
        Roles.Official when actor.SubDistrictId is int subDistrict => new SupervisionView(false, subDistrict, null),
        Roles.Secretary when actor.CommunityId is int community => new SupervisionView(false, null, community),
        _ => null,
    };

    /// <summary>
    /// 回访 sampling: drawing a community's sample of last month's closed tasks and recording each callback. The
    /// community's secretary, who makes the calls and answers for the sample.
    /// </summary>
    public static bool CanSampleCallbacks(Actor actor, CallbackScope community) => actor.IsSecretaryOf(community.CommunityId);
}
