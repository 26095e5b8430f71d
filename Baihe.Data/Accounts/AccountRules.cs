namespace Baihe.Data.Accounts;

/// <summary>Who may manage accounts. A pure function the admin page and the account commands both ask.</summary>
public static class AccountRules
{
    /// <summary>Creating accounts, changing roles and disabling accounts: administrators only.</summary>
    public static bool CanManageAccounts(Actor actor) => actor.Role == Roles.Admin;
}
