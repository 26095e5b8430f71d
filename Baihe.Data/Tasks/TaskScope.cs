namespace Baihe.Data.Tasks;

/// <summary>What <see cref="TaskRules"/> needs to know about a task: its community and the team it is assigned to.</summary>
public sealed record TaskScope(int CommunityId, int? AssignedTeamId);
