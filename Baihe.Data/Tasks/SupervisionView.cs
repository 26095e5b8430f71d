namespace Baihe.Data.Tasks;

/// <summary>Which communities' 督办 tasks an actor lists: all, those of one 街道, or one community.</summary>
public sealed record SupervisionView(bool All, int? SubDistrictId, int? CommunityId);
