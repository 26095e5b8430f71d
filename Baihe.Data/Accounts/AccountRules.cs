namespace Baihe.Data.Accounts;

/// <summary>Who may manage accounts. A pure function the admin page and the account commands both ask.</summary>
public static class AccountRules
{
    /// <summary>Creating accounts, changing roles and disabling accounts: administrators only.</summary>
    public static bool CanManageAccounts(Actor actor) => actor.Role == Roles.Admin;

    /// <summary>Ending every session of an account (signing out everywhere): the account itself, or an administrator.</summary>
    public static bool CanEndSessions(Actor actor, int userId) =>
        (actor.UserId > 0 && actor.UserId == userId) || CanManageAccounts(actor);

    /// <summary>
    /// Setting a temporary password for another account: administrators only. Their own they change like anyone else,
    /// by giving the old one, so a borrowed admin session cannot take over the admin account itself.
    /// </summary>
    public static bool CanResetPassword(Actor actor, int userId) => CanManageAccounts(actor) && userId > 0 && userId != actor.UserId;

    /// <summary>Changing a password by giving the old one: only the account's own user, never on someone's behalf.</summary>
    public static bool CanChangePassword(Actor actor, int userId) => actor.UserId > 0 && actor.UserId == userId;

    /// <summary>Setting an account's email address and its 同时发送邮件 switch: the account itself, or an administrator.</summary>
    public static bool CanSetEmail(Actor actor, int userId) =>
        (actor.UserId > 0 && actor.UserId == userId) || CanManageAccounts(actor);
}
