namespace Baihe.Data.Audit;

/// <summary>
/// Which audit rows an actor may read: every row (<see cref="All"/>), those about the communities of one sub-district,
/// or those about one community. The viewer's query filters by these same ids.
/// </summary>
public sealed record AuditView(bool All, int? SubDistrictId, int? CommunityId);
