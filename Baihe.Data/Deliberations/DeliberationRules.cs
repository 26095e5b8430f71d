using Baihe.Data.Accounts;

namespace Baihe.Data.Deliberations;

/// <summary>Who may do what with 邻合百姓事 meetings. Pure functions the page and the command both ask.</summary>
public static class DeliberationRules
{
    /// <summary>Recording a meeting's minutes: the community's secretary.</summary>
    public static bool CanRecordMeeting(Actor actor, int communityId) => actor.IsSecretaryOf(communityId);

    /// <summary>
    /// Whether the meeting list offers to turn decisions into tasks: the community's secretary, or the lead of one of
    /// its teams (<paramref name="communityTeamIds"/>), the same people the task intake accepts; the intake still decides.
    /// </summary>
    public static bool CanTurnDecisionsIntoTasks(Actor actor, int communityId, IReadOnlyCollection<int> communityTeamIds) =>
        actor.IsSecretaryOf(communityId) || communityTeamIds.Any(actor.IsLeadOf);
}
