namespace Baihe.Data.Tasks;

/// <summary>
/// Where a call (or a wish) is being recorded, as <see cref="TaskRules.CanIntake"/> sees it: the community, and the
/// community of the team the actor belongs to (null when the actor has no team or the team does not exist).
/// </summary>
public sealed record IntakeScope(int CommunityId, int? ActorTeamCommunityId);
