namespace Baihe.Data.Accounts;

/// <summary>
/// Who is acting, as the write commands see it. Built from the signed-in user's claims by the dashboard;
/// commands check it against the resource they touch, inside their transaction.
/// <see cref="SecurityStamp"/> is the account's stamp when the actor signed in: every write checks it against the
/// account inside its transaction (see <see cref="Database.WriteTransaction"/>), so a disabled account, a changed role
/// or ended sessions refuse the very next write. Server-side actors (<see cref="UserId"/> 0: start-up seeding, the CLI)
/// have no account and no stamp.
/// </summary>
public sealed record Actor(int UserId, string UserName, string Role, int? SubDistrictId, int? CommunityId, int? TeamId, string? SecurityStamp = null)
{
    public bool IsSecretaryOf(int communityId) => Role == Roles.Secretary && CommunityId == communityId;

    public bool IsLeadOf(int teamId) => Role == Roles.Lead && TeamId == teamId;
}
