namespace Baihe.Data.Tasks;

/// <summary>The community whose 回访 sample is drawn or recorded, for <see cref="TaskRules.CanSampleCallbacks"/>.</summary>
public sealed record CallbackScope(int CommunityId);
