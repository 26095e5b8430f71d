using Baihe.Data.Accounts;

namespace Baihe.Data.Screens;

/// <summary>Who may manage the big screens' display tokens. A pure function the admin page and the commands both ask.</summary>
public static class ScreenRules
{
    /// <summary>
    /// Creating and revoking display tokens: a signed-in administrator. A token opens a sub-district's figures without a
    /// password, so it is an account-like thing, and it names the account that made it (so not the CLI's actor).
    /// </summary>
    public static bool CanManageTokens(Actor actor) => actor.Role == Roles.Admin && actor.UserId > 0;
}
