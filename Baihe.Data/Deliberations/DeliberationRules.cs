using Baihe.Data.Accounts;

namespace Baihe.Data.Deliberations;

/// <summary>Who may do what with 邻合百姓事 meetings. Pure functions the page and the command both ask.</summary>
public static class DeliberationRules
{
    /// <summary>Recording a meeting's minutes: the community's secretary.</summary>
    public static bool CanRecordMeeting(Actor actor, int communityId) => actor.IsSecretaryOf(communityId);

}
