using Baihe.Data.Accounts;

namespace Baihe.Data.Certificates;

/// <summary>
/// Who may keep a community's 志愿服务证明: issue, void, read the register and record a volunteer's ID and volunteer
/// number. The community's secretary, or an administrator for any community (the 街道 may keep the register centrally).
/// Pure: the pages ask it to decide what to show, the commands ask it again inside their transaction.
/// </summary>
public static class CertificateRules
{
    /// <summary>Issuing, voiding and reading the register of <paramref name="communityId"/>.</summary>
    public static bool CanKeep(Actor actor, int communityId) =>
        actor.IsSecretaryOf(communityId) || actor.Role == Roles.Admin;
}
