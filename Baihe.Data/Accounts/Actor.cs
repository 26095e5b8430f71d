namespace Baihe.Data.Accounts;

/// <summary>
/// Who is acting, as the write commands see it. Built from the signed-in user's claims by the dashboard;
/// commands check it against the resource they touch, inside their transaction.
/// </summary>
public sealed record Actor(int UserId, string UserName, string Role, int? SubDistrictId, int? CommunityId, int? TeamId)
{
    public bool IsSecretaryOf(int communityId) => Role == Roles.Secretary && CommunityId == communityId;

    public bool IsLeadOf(int teamId) => Role == Roles.Lead && TeamId == teamId;
}
